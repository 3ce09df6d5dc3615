// The XSS corpus: hostile strings a writer, a reader or a Medium export may hand us. Each one,
// if it ever ran, would call the page's trap with its own number (`__xss(n)`, or `alert(n)` and
// friends, which the trap overrides), so a failure names the payload and the field it came
// through. `%ID%` is where that number goes; payload(i, field) fills it in.

export type Payload = {
  /** What kind of trick it is, for the report of a failure. */
  kind: 'script' | 'handler' | 'attribute' | 'breakout' | 'url' | 'svg' | 'broken' | 'unicode' | 'markdown'
  text: string
}

const p = (kind: Payload['kind'], ...texts: string[]): Payload[] => texts.map((text) => ({ kind, text }))

/** A data: URL whose base64 body calls the trap: the number must be inside the encoding. */
export const BASE64_HTML = '%BASE64%'

export const PAYLOADS: readonly Payload[] = [
  ...p('script',
    '<script>__xss(%ID%)</script>',
    '<SCRIPT>alert(%ID%)</SCRIPT>',
    '<script src=data:,__xss(%ID%)></script>',
    '<script type=module>__xss(%ID%)</script>',
    '<scr<script>ipt>__xss(%ID%)</script>',
    '<<script>__xss(%ID%)//<</script>',
    '<script\ttype="text/javascript">__xss(%ID%)</script>',
    '<!--<script>-->__xss(%ID%)</script>',
    '<template><script>__xss(%ID%)</script></template>',
    '<noscript><p title="</noscript><img src=x onerror=__xss(%ID%)>">',
    '<iframe srcdoc="<script>parent.__xss(%ID%)</script>">',
    '<meta http-equiv=refresh content="0;url=javascript:__xss(%ID%)">',
  ),
  ...p('handler',
    '<img src=x onerror=__xss(%ID%)>',
    '<img src=x onerror="alert(%ID%)">',
    '<IMG SRC=x OnErRoR=__xss(%ID%)>',
    '<img/src=x/onerror=__xss(%ID%)>',
    '<img src=x onerror=&#95;&#95;xss(%ID%)>',
    '<img src=`x`onerror=__xss(%ID%)>',
    '<svg onload=__xss(%ID%)>',
    '<svg/onload=__xss(%ID%)>',
    '<body onload=__xss(%ID%)>',
    '<body onpageshow=__xss(%ID%)>',
    '<iframe onload=__xss(%ID%)>',
    '<input autofocus onfocus=__xss(%ID%)>',
    '<select autofocus onfocus=__xss(%ID%)>',
    '<textarea autofocus onfocus=__xss(%ID%)>',
    '<details open ontoggle=__xss(%ID%)>',
    '<video><source onerror=__xss(%ID%)>',
    '<audio src=x onerror=__xss(%ID%)>',
    '<marquee onstart=__xss(%ID%)>',
    '<div onmouseover=__xss(%ID%)>hover</div>',
    '<a onclick=__xss(%ID%)>click</a>',
    '<object data=x onerror=__xss(%ID%)>',
    '<style onload=__xss(%ID%)></style>',
    '<link rel=stylesheet href=x onerror=__xss(%ID%)>',
    '<form><button formaction=javascript:__xss(%ID%)>x',
    '<isindex type=image src=1 onerror=__xss(%ID%)>',
    '<embed src=javascript:__xss(%ID%)>',
    '<object data=javascript:__xss(%ID%)>',
    '<base href=javascript:__xss(%ID%)//>',
    '<form action=javascript:__xss(%ID%)><input type=submit>',
    '<a href=javascript:__xss(%ID%)>link</a>',
    '<a href="&#106;avascript:__xss(%ID%)">link</a>',
  ),
  ...p('attribute',
    '" onmouseover="__xss(%ID%)',
    "' onfocus='__xss(%ID%)' autofocus '",
    '"><img src=x onerror=__xss(%ID%)>',
    "'><img src=x onerror=__xss(%ID%)>",
    '" autofocus onfocus=__xss(%ID%) x="',
    '"><svg onload=__xss(%ID%)>',
    '` onmouseover=__xss(%ID%) `',
    '"/><script>__xss(%ID%)</script>',
    '&quot;><img src=x onerror=__xss(%ID%)>',
    '&#34;><img src=x onerror=__xss(%ID%)>',
  ),
  ...p('breakout',
    '</title><script>__xss(%ID%)</script>',
    '</textarea><script>__xss(%ID%)</script>',
    '</style><script>__xss(%ID%)</script>',
    '</script><script>__xss(%ID%)</script>',
    '</script><img src=x onerror=__xss(%ID%)>',
    '<!--</script><script>__xss(%ID%)</script>-->',
    '\\u003cscript\\u003e__xss(%ID%)\\u003c/script\\u003e',
    "';__xss(%ID%);//",
    '";__xss(%ID%);//',
    '${__xss(%ID%)}',
    "{{constructor.constructor('__xss(%ID%)')()}}",
    ']]><script>__xss(%ID%)</script>',
  ),
  ...p('url',
    'javascript:__xss(%ID%)',
    'JaVaScRiPt:alert(%ID%)',
    ' javascript:__xss(%ID%)',
    'javascript&colon;__xss(%ID%)',
    'jav&#x09;ascript:__xss(%ID%)',
    'jav\tascript:__xss(%ID%)',
    '&#106;avascript:__xss(%ID%)',
    '&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;__xss(%ID%)',
    'javascript://%0a__xss(%ID%)',
    'javascript:%5f%5fxss(%ID%)',
    '\u0001javascript:__xss(%ID%)',
    'vbscript:__xss(%ID%)',
    'https://example.com/"onmouseover="__xss(%ID%)',
    'https://x.test/#"><script>__xss(%ID%)</script>',
    'https://x.test/\'><svg onload=__xss(%ID%)>',
    '//evil.test/%ID%',
    'data:text/html,<script>__xss(%ID%)</script>',
    `data:text/html;base64,${BASE64_HTML}`,
    'data:image/svg+xml,<svg onload=__xss(%ID%)>',
    'DATA:text/html,<script>__xss(%ID%)</script>',
    'data:application/javascript,__xss(%ID%)',
  ),
  ...p('svg',
    '<svg><script>__xss(%ID%)</script></svg>',
    '<svg><a xlink:href="javascript:__xss(%ID%)"><text y=20>x</text></a></svg>',
    '<svg><use href="data:image/svg+xml,<svg id=x onload=__xss(%ID%)>#x"/></svg>',
    '<svg><animate onbegin=__xss(%ID%) attributeName=x dur=1s>',
    '<svg><style><img src=x onerror=__xss(%ID%)></style></svg>',
    '<svg><foreignObject><img src=x onerror=__xss(%ID%)></foreignObject></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=__xss(%ID%)>',
    '<math href="javascript:__xss(%ID%)">x</math>',
  ),
  ...p('broken',
    '<img src=x onerror=__xss(%ID%)',
    '<<img src=x onerror=__xss(%ID%)>>',
    '<img src="x" onerror="__xss(%ID%)"',
    '<!--><img src=x onerror=__xss(%ID%)>-->',
    '<![CDATA[<img src=x onerror=__xss(%ID%)>]]>',
    '<a href="x <img src=x onerror=__xss(%ID%)>',
    '<p title="</p><img src=x onerror=__xss(%ID%)>">',
    '<div><style></div><img src=x onerror=__xss(%ID%)></style>',
    '<xmp><img src=x onerror=__xss(%ID%)></xmp>',
    '<img src=x onerror=__xss(%ID%)//',
    '</p></div></article><img src=x onerror=__xss(%ID%)>',
    '<img\nsrc=x\nonerror=__xss(%ID%)>',
  ),
  ...p('unicode',
    '\u202E<img src=x onerror=__xss(%ID%)>',
    '\uFF1Cscript\uFF1E__xss(%ID%)\uFF1C/script\uFF1E',
    '\uFF1Cimg src=x onerror=__xss(%ID%)\uFF1E',
    '<scr\u200Bipt>__xss(%ID%)</scr\u200Bipt>',
    'java\u200Bscript:__xss(%ID%)',
    '<img src=x onerror=__xss(%ID%)\u2028>',
    '<\u0455cript>__xss(%ID%)</\u0455cript>',
    '\uFE64script\uFE65__xss(%ID%)\uFE64/script\uFE65',
    '%3Cscript%3E__xss(%ID%)%3C/script%3E',
    '&lt;script&gt;__xss(%ID%)&lt;/script&gt;',
    '&amp;lt;img src=x onerror=__xss(%ID%)&amp;gt;',
    '\\u003cimg src=x onerror=__xss(%ID%)\\u003e',
    '\u2039script\u203A__xss(%ID%)\u2039/script\u203A',
    '\u00BCscript\u00BE__xss(%ID%)\u00BC/script\u00BE',
    '<img src=x onerror=\u200B__xss(%ID%)>',
  ),
  ...p('markdown',
    '[x](javascript:__xss(%ID%))',
    '[x](JAVASCRIPT:alert(%ID%))',
    '[x](javascript&#58;__xss(%ID%))',
    '[x](&#x6A;avascript:__xss(%ID%))',
    '[x](jav&#x09;ascript:__xss(%ID%))',
    '[x](<javascript:__xss(%ID%)>)',
    '[x]( javascript:__xss(%ID%) )',
    '[x](data:text/html,<script>__xss(%ID%)</script>)',
    '[x](vbscript:__xss(%ID%))',
    '[x](javascript\\:__xss(%ID%))',
    '[x](%6Aavascript:__xss(%ID%))',
    '[x](javascript:__xss(%ID%) "t")',
    '![x](javascript:__xss(%ID%))',
    '![x" onerror="__xss(%ID%)](x)',
    '![x](x" onerror="__xss(%ID%))',
    '[x](https://a.test "t\\" onmouseover=\\"__xss(%ID%)")',
    '<javascript:__xss(%ID%)>',
    '<JAVASCRIPT:alert(%ID%)>',
    '[[x](javascript:__xss(%ID%))](https://a.test)',
    '[x](https://a.test)(javascript:__xss(%ID%))',
    '[![x](https://a.test/i.png)](javascript:__xss(%ID%))',
    '[x][r%ID%]\n\n[r%ID%]: javascript:__xss(%ID%)',
    '[x][R%ID%]\n\n[r%ID%]: <javascript:__xss(%ID%)> "t"',
    '[x%ID%]\n\n[x%ID%]: data:text/html,<script>__xss(%ID%)</script>',
    'Note[^f%ID%].\n\n[^f%ID%]: <img src=x onerror=__xss(%ID%)> [y](javascript:__xss(%ID%))',
    '`<img src=x onerror=__xss(%ID%)>`',
    '```html\n<script>__xss(%ID%)</script>\n```',
    '> <img src=x onerror=__xss(%ID%)>',
    '- [x](javascript:__xss(%ID%))',
    '| a | <img src=x onerror=__xss(%ID%)> |\n| - | - |\n| [x](javascript:__xss(%ID%)) | b |',
    '## <svg onload=__xss(%ID%)>',
    '<div>\n<img src=x onerror=__xss(%ID%)>\n</div>',
    'www.x.test/<img src=x onerror=__xss(%ID%)>',
  ),
]

/** The payload at `index`, carrying the number `id` (field number × 1000 + payload index, see ids). */
export function payload(index: number, id: number): string {
  const template = PAYLOADS[index]?.text
  if (template === undefined) throw new Error(`no payload ${index}`)
  return template
    .replaceAll(BASE64_HTML, Buffer.from(`<script>__xss(${id})</script>`).toString('base64'))
    .replaceAll('%ID%', String(id))
}

/** The trap number of payload `index` sent through field number `field`. */
export function trapId(field: number, index: number): number {
  return field * 1000 + index
}

/** Which field and payload a trap number names. */
export function describeTrapId(id: number, fields: readonly string[]): string {
  const field = Math.floor(id / 1000)
  const index = id % 1000
  return `${fields[field] ?? `field ${field}`} ← payload ${index} (${PAYLOADS[index]?.kind}): ${JSON.stringify(PAYLOADS[index]?.text)}`
}

/**
 * Every payload that fits a field (`maxLength`, one line unless multiline), with its number,
 * packed into as few values as fit: one entity per value then carries several payloads. With
 * `limit`, only the first values (short fields would need an entity per payload or two; their
 * first values hold every kind of payload, see INTERLEAVED).
 */
export function packs(field: number, maxLength: number, options: { multiline?: boolean; separator?: string; only?: (payload: Payload) => boolean; limit?: number } = {}): string[] {
  const separator = options.separator ?? ' '
  const values: string[] = []
  let current = ''
  for (const index of INTERLEAVED) {
    const entry = PAYLOADS[index]!
    if (options.only && !options.only(entry)) continue
    const text = payload(index, trapId(field, index))
    if (text.length > maxLength || (!options.multiline && /[\n\r]/.test(text))) continue
    if (current && current.length + separator.length + text.length <= maxLength) {
      current += separator + text
      continue
    }
    if (current) values.push(current)
    current = text
  }
  if (current) values.push(current)
  return values.slice(0, options.limit)
}

/**
 * Payload indexes taking each kind in turn (script, handler, attribute, …, script, …), so that
 * the first few values of a short field already hold every kind of trick.
 */
const INTERLEAVED: readonly number[] = (() => {
  const byKind = new Map<string, number[]>()
  PAYLOADS.forEach((entry, index) => byKind.set(entry.kind, [...(byKind.get(entry.kind) ?? []), index]))
  const order: number[] = []
  for (let round = 0; order.length < PAYLOADS.length; round += 1) {
    for (const indexes of byKind.values()) if (indexes[round] !== undefined) order.push(indexes[round]!)
  }
  return order
})()

/** Payloads, one per value (for fields that hold a single URL or a colour). */
export function singles(field: number, maxLength: number, only?: (payload: Payload) => boolean): string[] {
  return INTERLEAVED.flatMap((index) => {
    const entry = PAYLOADS[index]!
    if (only && !only(entry)) return []
    const text = payload(index, trapId(field, index))
    return text.length <= maxLength && !/[\n\r]/.test(text) ? [text] : []
  })
}

/**
 * A Markdown body holding every payload as a paragraph of its own and in one construct more, in
 * turn: inside emphasis, as link text, as a link and image target, in a heading, a quote, a list.
 */
export function markdownBody(field: number): string {
  const parts: string[] = ['An innocent opening paragraph, with a [real link](https://example.com/).']
  PAYLOADS.forEach((entry, index) => {
    const text = payload(index, trapId(field, index))
    parts.push(text)
    if (/[\n\r]/.test(text)) return
    // One construct more for each payload, in turn: the body stays small enough to edit.
    const constructs = [`*${text}* and **${text}**`, `[${text}](https://example.com/${index})`, `[t${index}](${text})`, `![${text}](${text})`, `### ${text}`, `> ${text}`, `1. ${text}`]
    parts.push(constructs[index % constructs.length]!)
  })
  parts.push('A closing paragraph.')
  return parts.join('\n\n')
}

/**
 * A Medium export post page (HTML) whose title, subtitle, tag and body carry the payloads at
 * `indexes`, each raw (as markup), as a link target, as an image's src and alt, and as a caption.
 */
export function mediumPostHtml(field: number, title: string, subtitle: string, indexes: readonly number[]): string {
  const paragraphs = indexes.map((index) => {
    const text = payload(index, trapId(field, index))
    // Raw (as markup) and as Medium would have written it inside its own elements.
    return `<p name="p${index}" class="graf graf--p">${text}</p>`
      + `<p name="q${index}" class="graf graf--p"><a href="${attr(text)}" class="markup--anchor">a${index}</a> <strong>${text}</strong></p>`
      + `<figure name="f${index}" class="graf graf--figure"><img class="graf-image" src="${attr(text)}" alt="${attr(text)}"><figcaption class="imageCaption">${text}</figcaption></figure>`
  }).join('')
  return '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
    + `<title>${title}</title></head><body><article class="h-entry"><header><h1 class="p-name">${title}</h1></header>`
    + `<section data-field="subtitle" class="p-summary">${subtitle}</section>`
    + '<section data-field="body" class="e-content"><section name="s1" class="section section--body section--first"><div class="section-content"><div class="section-inner sectionLayout--insetColumn">'
    + `<h3 name="t1" class="graf graf--h3 graf--title">${title}</h3>${paragraphs}`
    + '<p name="z1" class="graf graf--p graf--trailing">A closing paragraph.</p></div></div></section></section>'
    + `<footer><p>Tags: <a href="https://medium.com/tag/x" class="p-tag">${title}</a></p>`
    + '<p>By <a href="https://medium.com/@someone" class="p-author h-card">Someone</a> on <a href="https://medium.com/p/1"><time class="dt-published" datetime="2021-03-04T09:15:00.000Z">March 4, 2021</time></a>.</p>'
    + '</footer></article></body></html>'
}

function attr(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;')
}
