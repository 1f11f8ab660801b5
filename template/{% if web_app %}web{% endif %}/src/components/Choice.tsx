// One of a few values, chosen with toggle buttons (what users sign in with, which posts a
// moderator sees): always exactly one selected.
import { ToggleButton, ToggleButtonGroup } from "@aws-amplify/ui-react";

export function Choice<Value extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: Value;
  /** value -> what the button says */
  options: Record<Value, string>;
  onChange: (value: Value) => void;
}) {
  return (
    <ToggleButtonGroup
      value={value}
      isExclusive
      isSelectionRequired
      onChange={(chosen) => onChange(chosen as Value)}
      aria-label={label}
    >
      {(Object.entries(options) as [Value, string][]).map(([option, text]) => (
        <ToggleButton key={option} value={option}>
          {text}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
