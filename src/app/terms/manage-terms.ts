import { z } from 'zod';
import type { Author, Term, TermKind } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import { isSlug, slugify } from '../../domain/slug.js';
import { audit } from '../auth/audit.js';
import type { AppDeps } from '../deps.js';
import type { TermListing } from './ports.js';

/** Who asked: a signed-in user, or a label such as `cli` for the shell. */
export type TermActor = Pick<Author, 'id' | 'email'> | string;

type Deps = Pick<AppDeps, 'repos' | 'uow' | 'clock'>;

const kind = z.enum(['category', 'tag']);
const name = z.string().trim().min(1, 'a name is required').max(200, 'at most 200 characters');
const slug = z
  .string()
  .trim()
  .refine(isSlug, 'lowercase letters, digits and single hyphens, at most 200 characters');
const description = z.string().max(2000, 'at most 2000 characters');

export const createTermInput = z.object({
  kind,
  name,
  slug: slug.optional(),
  parentId: z.number().int().positive().nullable().optional(),
  description: description.optional(),
});
export type CreateTermInput = z.input<typeof createTermInput>;

export const updateTermInput = z.object({
  name: name.optional(),
  slug: slug.optional(),
  /** `null` makes a category top-level. */
  parentId: z.number().int().positive().nullable().optional(),
  description: description.optional(),
});
export type UpdateTermInput = z.input<typeof updateTermInput>;

function invalid(error: z.ZodError): Failure {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'input';
    fields[key] ??= issue.message;
  }
  const [first] = Object.entries(fields);
  return failure('invalid_input', first ? `${first[0]}: ${first[1]}` : 'invalid input', {
    fields,
  });
}

/** Every category or tag, by name, with its article count. */
export function listTerms(deps: Pick<AppDeps, 'repos'>, k: TermKind): Promise<TermListing[]> {
  return deps.repos.termCatalog.list(k);
}

/** A parent must be a category; a category may not sit under itself or its descendants. */
async function checkParent(
  repos: Deps['repos'],
  term: { id: number | null; kind: TermKind },
  parentId: number | null,
): Promise<Failure | null> {
  if (parentId === null) return null;
  if (term.kind !== 'category')
    return failure('invalid_input', 'parentId: only categories have parents', {
      fields: { parentId: 'only categories have parents' },
    });
  const parent = await repos.termCatalog.findById(parentId);
  if (!parent || parent.kind !== 'category')
    return failure('invalid_input', `parentId: no category ${parentId}`, {
      fields: { parentId: 'no such category' },
    });
  if (term.id !== null) {
    const line = [parentId, ...(await repos.termCatalog.ancestors(parentId))];
    if (line.includes(term.id))
      return failure('conflict', 'a category cannot be moved under itself or its subcategories', {
        fields: { parentId: 'would make a cycle' },
      });
  }
  return null;
}

/** Creates a category or tag; the slug comes from the name unless given. */
export async function createTerm(
  deps: Deps,
  actor: TermActor,
  raw: CreateTermInput,
): Promise<Result<Term, Failure>> {
  const parsed = createTermInput.safeParse(raw);
  if (!parsed.success) return err(invalid(parsed.error));
  const input = parsed.data;
  const termSlug = input.slug ?? slugify(input.name);
  return deps.uow.run(async (tx) => {
    const bad = await checkParent(tx.repos, { id: null, kind: input.kind }, input.parentId ?? null);
    if (bad) return err(bad);
    const term = await tx.repos.termCatalog.insert({
      kind: input.kind,
      name: input.name,
      slug: termSlug,
      parentId: input.parentId ?? null,
      description: input.description ?? '',
    });
    if (!term)
      return err(
        failure('conflict', `a ${input.kind} with slug ${termSlug} already exists`, {
          fields: { slug: 'already taken' },
        }),
      );
    await audit(tx.repos.audit, deps.clock(), {
      actor,
      action: 'term.create',
      subject: `term:${term.id}`,
      detail: { kind: term.kind, name: term.name, slug: term.slug, parentId: term.parentId },
    });
    return ok(term);
  });
}

/** Renames, re-slugs, moves (categories, no cycles) or re-describes a term. */
export async function updateTerm(
  deps: Deps,
  actor: TermActor,
  id: number,
  raw: UpdateTermInput,
): Promise<Result<Term, Failure>> {
  const parsed = updateTermInput.safeParse(raw);
  if (!parsed.success) return err(invalid(parsed.error));
  const change = parsed.data;
  return deps.uow.run(async (tx) => {
    const before = await tx.repos.termCatalog.findById(id);
    if (!before) return err(failure('not_found', `no term ${id}`));
    if (change.parentId !== undefined) {
      const bad = await checkParent(tx.repos, before, change.parentId);
      if (bad) return err(bad);
    }
    const saved = await tx.repos.termCatalog.update(id, change);
    if (!saved)
      return err(
        failure('conflict', `a ${before.kind} with slug ${change.slug} already exists`, {
          fields: { slug: 'already taken' },
        }),
      );
    const after = (await tx.repos.termCatalog.findById(id)) ?? before;
    await audit(tx.repos.audit, deps.clock(), {
      actor,
      action: 'term.update',
      subject: `term:${id}`,
      detail: {
        before: { name: before.name, slug: before.slug, parentId: before.parentId },
        after: { name: after.name, slug: after.slug, parentId: after.parentId },
      },
    });
    return ok(after);
  });
}

/**
 * Deletes a term. Its articles stay, without it; a deleted category's subcategories move up to
 * its parent (or the top level).
 */
export async function deleteTerm(
  deps: Deps,
  actor: TermActor,
  id: number,
): Promise<Result<Term, Failure>> {
  return deps.uow.run(async (tx) => {
    const term = await tx.repos.termCatalog.findById(id);
    if (!term) return err(failure('not_found', `no term ${id}`));
    await tx.repos.termCatalog.delete(id);
    await audit(tx.repos.audit, deps.clock(), {
      actor,
      action: 'term.delete',
      subject: `term:${id}`,
      detail: { kind: term.kind, name: term.name, slug: term.slug },
    });
    return ok(term);
  });
}
