/**
 * Autosave of the draft: the form's fields as JSON, a short while after the last change. One
 * save is in flight at a time; changes made meanwhile are saved right after it. `revision` is
 * the article revision the form was loaded at (its hidden `revision` field), which the server
 * keeps with the draft to tell, on restore, whether someone saved since; a form without one (a
 * page that is not the editor) counts its saves instead. A new article's first autosave saves
 * it as a draft: the answer says where it now lives, and the next autosaves, the form's submit
 * and the address bar move there.
 */
import { debounce } from './debounce.js';
import { messageOf, postJson, type Endpoint } from './http.js';

export interface OtherEditor {
  readonly name: string;
  readonly at: string;
}

export type FormFields = Record<string, string | string[]>;

/** FormData as an object: a repeated name (checkboxes, multi-selects) becomes an array. */
export function formFields(form: HTMLFormElement): FormFields {
  const out: FormFields = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== 'string') continue; // a file input is uploaded by the form, not saved
    const had = out[name];
    out[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return out;
}

const clock = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
};

export function othersSentence(others: readonly OtherEditor[]): string {
  if (others.length === 0) return '';
  const who = others.map((o) => `${o.name} (since ${clock(o.at)})`).join(', ');
  return ` Also editing this article: ${who}. Their changes and yours may overwrite each other.`;
}

/** Where a new article's draft lives once its first autosave made it. */
interface CreatedDraft {
  readonly editUrl: string;
  readonly autosaveUrl: string;
  readonly revision: number;
}

function createdDraft(v: unknown): CreatedDraft | null {
  const c = v as Partial<CreatedDraft> | null | undefined;
  return typeof c?.editUrl === 'string' &&
    typeof c.autosaveUrl === 'string' &&
    Number.isInteger(c.revision)
    ? { editUrl: c.editUrl, autosaveUrl: c.autosaveUrl, revision: c.revision as number }
    : null;
}

/** The form and the page now edit the draft: its submit, its revision, the address. */
function moveTo(form: HTMLFormElement, draft: CreatedDraft): void {
  form.action = draft.editUrl;
  const revision = form.elements.namedItem('revision');
  if (revision instanceof HTMLInputElement) revision.value = String(draft.revision);
  form.ownerDocument.defaultView?.history.replaceState(null, '', draft.editUrl);
}

export interface Autosaver {
  schedule(): void;
  cancel(): void;
}

export function autosaver(opts: {
  readonly endpoint: Endpoint;
  readonly form: HTMLFormElement;
  readonly status: HTMLElement;
  readonly delayMs: number;
}): Autosaver {
  let endpoint = opts.endpoint;
  let revision = 0;
  let inFlight = false;
  let again = false;
  const say = (text: string, state: string) => {
    opts.status.textContent = text;
    opts.status.dataset.state = state;
  };
  const save = async (): Promise<void> => {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    say('Saving draft…', 'saving');
    try {
      const fields = formFields(opts.form);
      const loadedAt = typeof fields.revision === 'string' ? Number(fields.revision) : NaN;
      const answer = (await postJson(endpoint, {
        ...fields,
        revision: Number.isInteger(loadedAt) && loadedAt >= 0 ? loadedAt : ++revision,
      })) as { savedAt?: unknown; othersEditing?: unknown; created?: unknown };
      if (typeof answer.savedAt !== 'string') throw new Error('the answer has no savedAt');
      const draft = createdDraft(answer.created);
      if (draft) {
        endpoint = { ...endpoint, url: draft.autosaveUrl };
        moveTo(opts.form, draft);
      }
      const others = Array.isArray(answer.othersEditing)
        ? (answer.othersEditing as unknown[]).filter(
            (o): o is OtherEditor =>
              typeof (o as OtherEditor)?.name === 'string' &&
              typeof (o as OtherEditor)?.at === 'string',
          )
        : [];
      say(`Draft saved at ${clock(answer.savedAt)}.${othersSentence(others)}`, 'saved');
      opts.status.dataset.othersEditing = String(others.length);
    } catch (error) {
      say(
        `Autosave failed: ${messageOf(error)}. Your text is still here; save the form to keep it.`,
        'failed',
      );
    } finally {
      inFlight = false;
      if (again) {
        again = false;
        timer.schedule();
      }
    }
  };
  const timer = debounce(opts.delayMs, () => void save());
  return { schedule: timer.schedule, cancel: timer.cancel };
}
