/** The colour an operator gave a host; hosts without one get a neutral swatch. */
export function ColorSwatch({ color, size = 10 }: { color: string | undefined; size?: number }) {
  return (
    <span
      className={`color-swatch${color ? '' : ' color-swatch--none'}`}
      style={{ width: size, height: size, ...(color ? { backgroundColor: color } : {}) }}
      aria-hidden="true"
    />
  );
}
