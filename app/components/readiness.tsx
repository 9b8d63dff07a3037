import { Tag } from './forms';

/** A case's readiness as the clerk reads it: "Ready" (or "Yes"), or a red "Not ready" tag with each reason. */
export function Readiness({ notReady, readyText = 'Ready', small = true }: { notReady: readonly string[]; readyText?: string; small?: boolean }) {
  if (notReady.length === 0) return <>{readyText}</>;
  return (
    <>
      <Tag colour="red">Not ready</Tag>
      <ul className={`nhsuk-list ${small ? 'nhsuk-body-s' : 'nhsuk-u-margin-top-2'} nhsuk-u-margin-bottom-0`}>
        {notReady.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </>
  );
}
