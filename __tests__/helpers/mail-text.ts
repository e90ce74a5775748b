/**
 * An HTML email body as its reader sees it: the text, tags gone, entities decoded, one line per block.
 */
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };

export function mailText(html: string): string {
  return html
    .replace(/<\/(p|h2|li|ul)>/g, '\n')
    .replace(/<li>/g, '  - ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(lt|gt|quot|#39|amp);/g, (e) => ENTITIES[e]);
}
