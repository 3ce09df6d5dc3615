import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { fillTemplate, slotMark, toTemplate } from './slots.ts'

describe('page templates with slots', () => {
  it('cuts a page at its marks and fills each slot per reader', () => {
    const template = toTemplate(`<header>${slotMark('nav')}</header><main>text</main><p>${slotMark('claps')}</p>`)
    assert.deepEqual(template.names, ['nav', 'claps'])
    assert.equal(fillTemplate(template, { nav: '<a>Ann</a>', claps: '7' }), '<header><a>Ann</a></header><main>text</main><p>7</p>')
    assert.equal(fillTemplate(template, {}), '<header></header><main>text</main><p></p>')
  })

  it('leaves text that only looks like a mark alone', () => {
    const lookalike = '\u2063slot-0000000000000000-nav\u2063'
    const template = toTemplate(`<h1>${lookalike}</h1>`)
    assert.deepEqual(template.names, [])
    assert.equal(fillTemplate(template, { nav: 'x' }), `<h1>${lookalike}</h1>`)
  })
})
