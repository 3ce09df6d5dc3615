// Stable block ids in the editor. Every block and list item has an id; a block the editor
// creates (Enter, a pasted or dropped copy) gets a new one, and an edited block keeps its own.
// - Split (Enter): the id attribute is not kept on split (editor-schema.ts), so the new half has none.
// - Paste and drop: ids are stripped from the incoming slice, so a copy never takes an id over;
//   pasted text that merges into an existing block leaves that block's id alone.
// - Any node left without an id, or holding one an earlier node already has, gets a new one in
//   an appended transaction, which the history joins to the change: undo restores both.
import { Extension } from '@tiptap/core'
import { Fragment, Slice, type Node as PmNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { randomId } from '../document-mapping.ts'
import { ID_NODE_TYPES } from '../editor-schema.ts'

const WITH_ID = new Set(ID_NODE_TYPES)

function withoutIds(fragment: Fragment): Fragment {
  const nodes: PmNode[] = []
  fragment.forEach((node) => {
    if (node.isText) nodes.push(node)
    else nodes.push(node.type.create(WITH_ID.has(node.type.name) ? { ...node.attrs, id: null } : node.attrs, withoutIds(node.content), node.marks))
  })
  return Fragment.fromArray(nodes)
}

export const BlockIdKeeper = Extension.create({
  name: 'blockIdKeeper',
  addProseMirrorPlugins() {
    return [new Plugin({
      key: new PluginKey('blockIdKeeper'),
      props: {
        transformPasted: (slice) => new Slice(withoutIds(slice.content), slice.openStart, slice.openEnd),
      },
      appendTransaction: (transactions, _old, state) => {
        if (!transactions.some((tr) => tr.docChanged)) return null
        const used = new Set<string>()
        let tr: Transaction | null = null
        state.doc.descendants((node, pos, parent) => {
          // A list item's paragraph is part of the item, which carries the id.
          if (parent?.type.name === 'listItem') return false
          if (!WITH_ID.has(node.type.name)) return false
          const id = node.attrs.id as string | null
          if (id && !used.has(id)) {
            used.add(id)
          } else {
            let fresh = randomId()
            while (used.has(fresh)) fresh = randomId()
            used.add(fresh)
            tr = (tr ?? state.tr).setNodeMarkup(pos, undefined, { ...node.attrs, id: fresh })
          }
          // Only lists hold further blocks (their items).
          return node.type.name === 'bulletList' || node.type.name === 'orderedList'
        })
        return tr
      },
    })]
  },
})
