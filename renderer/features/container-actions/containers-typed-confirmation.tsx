import { TypedConfirmation } from '../../components/typed-confirmation';

/**
 * The production guard's field for an action on containers: the container's name for one, the
 * count for several (`requiredConfirmation` in shared/containers.ts says which).
 */
export function ContainersTypedConfirmation({
  expected,
  count,
  value,
  onChange,
  attempted,
}: {
  expected: string;
  count: number;
  value: string;
  onChange: (value: string) => void;
  attempted: boolean;
}) {
  return (
    <TypedConfirmation
      expected={expected}
      what={count > 1 ? ' (the number of containers)' : ' (the container’s name)'}
      value={value}
      onChange={onChange}
      attempted={attempted}
    />
  );
}
