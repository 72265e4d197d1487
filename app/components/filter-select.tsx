// One filter of a GET filter form (the state lives in the URL): a labelled select whose first
// option, when `all` is given, is the empty value "any". The review queue, the bureau's anomaly
// list and the directories filter with it.
export function FilterSelect({
  id,
  name,
  label,
  defaultValue,
  all,
  options,
  className,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string | number | undefined;
  /** the label of the empty option; none when the filter always has a value */
  all?: string;
  options: ReadonlyArray<{ value: string | number; label: string }>;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm">
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue} className="input mt-1">
        {all !== undefined ? <option value="">{all}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
