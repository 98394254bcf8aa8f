import type { DockerContextChoice } from '../../../shared/host-setup-contract';
import { ErrorNotice } from '../../components/error-notice';
import { DockerContextRows, useDockerContexts } from './docker-contexts';

/**
 * Add host: the docker CLI's contexts, folded away unless there are some. "Use" fills the form
 * from the context (TLS files stay where the context keeps them), so it can be named and tested.
 */
export function DockerContextPicker({ onChoose }: { onChoose: (context: DockerContextChoice) => void }) {
  const { list, error } = useDockerContexts();
  if (error) return <ErrorNotice error={error} title="The docker contexts could not be read:" />;
  if (!list || list.contexts.length === 0) return null;
  const usable = list.contexts.filter((context) => context.transport).length;
  return (
    <details className="context-picker">
      <summary>
        From a docker context{' '}
        <span className="muted">
          ({list.contexts.length} in <span className="mono">{list.configDir}</span>, {usable} usable; current: {list.current})
        </span>
      </summary>
      <DockerContextRows contexts={list.contexts} actionLabel="Use" onChoose={onChoose} />
      {list.problems.map((problem) => (
        <p key={problem} className="field-hint">
          {problem}
        </p>
      ))}
    </details>
  );
}
