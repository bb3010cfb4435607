import { type KeyboardEvent, useState } from "react";

interface Props {
  id?: string;
  label?: string;
  value: string;
  maxLength: number;
  placeholder?: string;
  className?: string;
  readOnly: boolean;
  /** Multi-line (textarea) instead of one line. */
  multiline?: boolean;
  onCommit(value: string): void;
}

/** A plain text field of a shared record: edits stay local while focused and are written once on blur/Enter. */
export function DraftField({
  id,
  label,
  value,
  maxLength,
  placeholder,
  className,
  readOnly,
  multiline,
  onCommit,
}: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  if (readOnly) return <span className={className}>{value}</span>;
  const commit = () => {
    if (draft !== null && draft !== value) onCommit(draft);
    setDraft(null);
  };
  const common = {
    id,
    "aria-label": id ? undefined : label,
    className,
    value: draft ?? value,
    maxLength,
    placeholder,
    onFocus: () => setDraft(value),
    onBlur: commit,
  };
  if (multiline) return <textarea {...common} rows={2} onChange={(event) => setDraft(event.target.value)} />;
  return (
    <input
      {...common}
      type="text"
      onChange={(event) => setDraft(event.target.value)}
      onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
        if (event.key === "Enter" && !event.nativeEvent.isComposing) event.currentTarget.blur();
        if (event.key === "Escape") {
          setDraft(null);
          event.currentTarget.blur();
        }
      }}
    />
  );
}
