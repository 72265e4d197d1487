// Picks the listings an event presents by search, inside the event form: the search button
// submits the whole form as a GET (formMethod), so the loader fills the typed fields back in and
// shows the hits as checkboxes — the same with or without JavaScript.
import { useTranslation } from "react-i18next";

type Listing = { id: string; title: string; organization: string };

export type PickerData = {
  q: string;
  picked: { results: Listing[]; needs: Listing[] };
  found: { results: Listing[]; needs: Listing[] } | null;
};

function Group({ name, legend, picked, found }: { name: string; legend: string; picked: Listing[]; found: Listing[] }) {
  if (!picked.length && !found.length) return null;
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <ul className="mt-1 space-y-1">
        {[...picked.map((l) => [l, true] as const), ...found.map((l) => [l, false] as const)].map(([l, checked]) => (
          <li key={l.id} className="flex items-start gap-2">
            <input
              id={`${name}-${l.id}`}
              type="checkbox"
              name={name}
              value={l.id}
              defaultChecked={checked}
              className="mt-1 size-4 shrink-0"
            />
            <label htmlFor={`${name}-${l.id}`} className="text-sm font-normal">
              {l.title} <span className="text-slate-600">· {l.organization}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function ListingPicker({ data, busy }: { data: PickerData; busy: boolean }) {
  const { t } = useTranslation("events");
  const { picked, found } = data;
  return (
    <section aria-labelledby="listing-picker" className="space-y-3 rounded-md border border-slate-200 p-3">
      <h2 id="listing-picker" className="font-medium">
        {t("form.listings")}
      </h2>
      <p id="listing-query-hint" className="text-xs text-slate-600">
        {t("form.listingsHint")}
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="listing-query" className="block text-sm">
            {t("form.listingQuery")}
          </label>
          <input
            id="listing-query"
            name="listingQuery"
            type="search"
            className="input mt-1"
            defaultValue={data.q}
            maxLength={100}
            aria-describedby="listing-query-hint"
          />
        </div>
        <button
          type="submit"
          formMethod="get"
          formNoValidate
          name="find"
          value="1"
          className="btn-secondary"
          disabled={busy}
        >
          {t("form.listingSearch")}
        </button>
      </div>
      {found && !found.results.length && !found.needs.length ? (
        <p className="text-sm text-slate-700" role="status">
          {t("form.listingNone", { q: data.q })}
        </p>
      ) : null}
      <Group name="resultIds" legend={t("form.resultIds")} picked={picked.results} found={found?.results ?? []} />
      <Group name="needIds" legend={t("form.needIds")} picked={picked.needs} found={found?.needs ?? []} />
    </section>
  );
}
