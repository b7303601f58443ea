/* sl-element-list.c: the list of one kind of element of a document
 *
 * A GListModel over an array. GListStore keeps a balanced tree, which
 * costs a lookup and a reference for every item read: too much for the
 * writer and the drawing code, which read hundreds of thousands of items
 * in order. Inserting in the middle moves pointers, which is fast enough
 * for the one element a user adds at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "stormline-core"

#include "config.h"

#include "sl-element-list-private.h"

struct _SlElementList
{
  GObject parent_instance;

  GType item_type;
  GPtrArray *items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SlElementList, sl_element_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
sl_element_list_get_item_type (GListModel *model)
{
  return SL_ELEMENT_LIST (model)->item_type;
}

static guint
sl_element_list_get_n_items (GListModel *model)
{
  return SL_ELEMENT_LIST (model)->items->len;
}

static gpointer
sl_element_list_get_item (GListModel *model,
                          guint       position)
{
  SlElementList *self = SL_ELEMENT_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sl_element_list_get_item_type;
  iface->get_n_items = sl_element_list_get_n_items;
  iface->get_item = sl_element_list_get_item;
}

static void
sl_element_list_finalize (GObject *object)
{
  SlElementList *self = (SlElementList *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (sl_element_list_parent_class)->finalize (object);
}

static void
sl_element_list_class_init (SlElementListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_element_list_finalize;
}

static void
sl_element_list_init (SlElementList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

SlElementList *
_sl_element_list_new (GType item_type)
{
  SlElementList *self = g_object_new (SL_TYPE_ELEMENT_LIST, NULL);

  self->item_type = item_type;
  return self;
}

void
_sl_element_list_insert (SlElementList *self,
                         guint          position,
                         gpointer       element)
{
  g_assert (position <= self->items->len);
  g_assert (G_TYPE_CHECK_INSTANCE_TYPE (element, self->item_type));

  g_ptr_array_insert (self->items, position, g_object_ref (element));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

void
_sl_element_list_remove (SlElementList *self,
                         guint          position)
{
  g_assert (position < self->items->len);

  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

/* Appends @elements, whose references the list takes, as the loader does. */
void
_sl_element_list_append_all (SlElementList *self,
                             GPtrArray     *elements)
{
  guint position = self->items->len;

  if (elements->len == 0)
    return;

  for (guint i = 0; i < elements->len; i++)
    g_ptr_array_add (self->items, g_ptr_array_index (elements, i));
  g_ptr_array_set_free_func (elements, NULL);
  g_ptr_array_set_size (elements, 0);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, self->items->len - position);
}

gboolean
_sl_element_list_find (SlElementList *self,
                       gpointer       element,
                       guint         *position)
{
  return g_ptr_array_find (self->items, element, position);
}

GPtrArray *
_sl_element_list_get_items (SlElementList *self)
{
  return self->items;
}

/**
 * sl_element_list_peek:
 *
 * Reads an item without taking a reference, for code that reads many
 * items in a row and changes none.
 *
 * Returns: (transfer none): the item at @position
 */
gpointer
sl_element_list_peek (SlElementList *self,
                      guint          position)
{
  g_return_val_if_fail (SL_IS_ELEMENT_LIST (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_ptr_array_index (self->items, position);
}
