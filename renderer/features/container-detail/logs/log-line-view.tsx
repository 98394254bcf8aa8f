import { memo } from 'react';
import { styleClasses } from './ansi';
import { MAX_DRAWN_CHARACTERS, linePieces } from './line-pieces';
import type { LogFilter } from './log-filter';
import type { LogLine } from './log-store';

export interface LogLineViewProps {
  line: LogLine;
  filter: LogFilter | null;
  showTimestamps: boolean;
}

/**
 * One log line as styled spans (never HTML from the daemon): ANSI colours as classes, filter
 * matches as <mark>, stderr marked in the gutter. Very long lines are cut for drawing only.
 * Its props do not include its position, so a row stays rendered (its ANSI parsed once) while
 * the view slides over it.
 */
export const LogLineView = memo(function LogLineView({ line, filter, showTimestamps }: LogLineViewProps) {
  const ranges = filter ? filter.ranges(line.plain.slice(0, MAX_DRAWN_CHARACTERS)) : [];
  const pieces = linePieces(line.text, ranges);
  const hidden = line.plain.length - MAX_DRAWN_CHARACTERS;
  return (
    <div className={`log-line log-line--${line.stream}`} role="listitem" data-stream={line.stream}>
      <span className="log-gutter" aria-label={line.stream === 'stderr' ? 'stderr' : undefined} title={line.stream} />
      {showTimestamps && line.timestamp ? <span className="log-ts">{line.timestamp}</span> : null}
      <span className="log-text">
        {pieces.map((piece, index) => {
          const { className, color, background } = styleClasses(piece.style);
          const style = color || background ? { color, background } : undefined;
          const content = piece.highlighted ? <mark className="log-match">{piece.text}</mark> : piece.text;
          return className || style ? (
            <span key={index} className={className || undefined} style={style}>
              {content}
            </span>
          ) : (
            <span key={index}>{content}</span>
          );
        })}
        {hidden > 0 ? <span className="log-cut"> … {hidden.toLocaleString('en-US')} more characters (in copy and download)</span> : null}
      </span>
    </div>
  );
});
