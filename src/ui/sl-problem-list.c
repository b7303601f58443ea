/* sl-problem-list.c: the problems of one step, as a list model
 *
 * The list reads the checker's array of problems in place: it keeps the
 * array and where in it the step's problems are, and makes an item only
 * when one is asked for. When the check changes, only the rows between
 * the first and the last problem that differ are reported changed, so a
 * list view keeps its place and rebuilds nothing else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline"

#include "config.h"

#include "sl-problem-item.h"
#include "sl-problem-list.h"

struct _SlProblemList
{
  GObject parent_instance;

  GPtrArray *problems;   /* of SlProblem: the checker's, or NULL */
  GArray *positions;     /* of guint: the step's problems in @problems */
};

static void sl_problem_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SlProblemList, sl_problem_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sl_problem_list_model_init))

static SlProblem *
peek (SlProblemList *self,
      GPtrArray     *problems,
      GArray        *positions,
      guint          position)
{
  return g_ptr_array_index (problems, g_array_index (positions, guint, position));
}

static GType
sl_problem_list_get_item_type (GListModel *model)
{
  return SL_TYPE_PROBLEM_ITEM;
}

static guint
sl_problem_list_get_n_items (GListModel *model)
{
  return SL_PROBLEM_LIST (model)->positions->len;
}

static gpointer
sl_problem_list_get_item (GListModel *model,
                          guint       position)
{
  SlProblemList *self = SL_PROBLEM_LIST (model);

  if (position >= self->positions->len)
    return NULL;

  return sl_problem_item_new (peek (self, self->problems, self->positions, position));
}

static void
sl_problem_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sl_problem_list_get_item_type;
  iface->get_n_items = sl_problem_list_get_n_items;
  iface->get_item = sl_problem_list_get_item;
}

static void
sl_problem_list_finalize (GObject *object)
{
  SlProblemList *self = (SlProblemList *)object;

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->positions, g_array_unref);

  G_OBJECT_CLASS (sl_problem_list_parent_class)->finalize (object);
}

static void
sl_problem_list_class_init (SlProblemListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_problem_list_finalize;
}

static void
sl_problem_list_init (SlProblemList *self)
{
  self->positions = g_array_new (FALSE, FALSE, sizeof (guint));
}

SlProblemList *
sl_problem_list_new (void)
{
  return g_object_new (SL_TYPE_PROBLEM_LIST, NULL);
}

/**
 * sl_problem_list_set:
 * @problems: (element-type SlProblem): what the check found, kept
 *   unchanged by its owner (a checker makes a new array for a change)
 * @step: the step whose problems the list holds
 */
void
sl_problem_list_set (SlProblemList *self,
                     GPtrArray     *problems,
                     guint          step)
{
  g_autoptr(GPtrArray) old_problems = NULL;
  g_autoptr(GArray) old_positions = NULL;
  guint n_old, n_new, start = 0, end = 0;

  g_return_if_fail (SL_IS_PROBLEM_LIST (self));
  g_return_if_fail (problems != NULL);

  old_problems = g_steal_pointer (&self->problems);
  old_positions = g_steal_pointer (&self->positions);
  self->problems = g_ptr_array_ref (problems);
  self->positions = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < problems->len; i++)
    if (sl_problem_get_step (g_ptr_array_index (problems, i)) == step)
      g_array_append_val (self->positions, i);

  n_old = old_positions->len;
  n_new = self->positions->len;
  while (start < n_old && start < n_new &&
         peek (self, old_problems, old_positions, start) == peek (self, problems, self->positions, start))
    start++;
  while (end < n_old - start && end < n_new - start &&
         peek (self, old_problems, old_positions, n_old - 1 - end) ==
         peek (self, problems, self->positions, n_new - 1 - end))
    end++;

  if (start < n_old || start < n_new)
    g_list_model_items_changed (G_LIST_MODEL (self), start, n_old - start - end, n_new - start - end);
}
