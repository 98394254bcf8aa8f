import { PRODUCTION_TAG } from '../../shared/profile';

/** A host's tags as small chips; the production tag is left to the PRODUCTION badge. */
export function TagList({ tags, hideProduction = true }: { tags: readonly string[]; hideProduction?: boolean }) {
  const shown = hideProduction ? tags.filter((tag) => tag.toLowerCase() !== PRODUCTION_TAG) : tags;
  if (shown.length === 0) return null;
  return (
    <span className="tag-list">
      {shown.map((tag) => (
        <span key={tag} className="tag">
          {tag}
        </span>
      ))}
    </span>
  );
}
