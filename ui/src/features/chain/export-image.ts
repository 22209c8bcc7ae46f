// The chain view as a standalone picture. The SVG on screen is styled by the
// app's stylesheet and theme variables, which an exported file would not
// have; the copy gets each shape's computed colours and fonts as
// presentation attributes (not inline styles, which the CSP forbids).

const PAINTED = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity'] as const;
const TYPESET = ['font-family', 'font-size', 'font-weight', 'font-style'] as const;

export function standaloneSvg(svg: SVGSVGElement, background: string): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((el, i) => {
    const style = getComputedStyle(el);
    const target = copies[i];
    for (const p of PAINTED) target.setAttribute(p, style.getPropertyValue(p));
    if (el.tagName.toLowerCase() === 'text') {
      for (const p of TYPESET) target.setAttribute(p, style.getPropertyValue(p));
      if (style.getPropertyValue('text-transform') === 'uppercase') target.textContent = (target.textContent ?? '').toUpperCase();
    }
    target.removeAttribute('class');
    target.removeAttribute('tabindex');
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.removeAttribute('fill');
  copy.removeAttribute('stroke');
  const width = copy.getAttribute('width') ?? '0';
  const height = copy.getAttribute('height') ?? '0';
  const backdrop = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  backdrop.setAttribute('width', width);
  backdrop.setAttribute('height', height);
  backdrop.setAttribute('fill', background);
  copy.insertBefore(backdrop, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

/** Renders SVG markup to PNG bytes at `scale` times its size. */
export async function pngFromSvg(markup: string, width: number, height: number, scale = 2): Promise<Uint8Array> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas here');
  ctx.scale(scale, scale);
  ctx.drawImage(image, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the picture could not be encoded as PNG');
  return new Uint8Array(await blob.arrayBuffer());
}

/** A file name for the export: the claim's id prefix keeps names short and unique. */
export function exportName(claimId: string, ext: 'svg' | 'png'): string {
  return `claimtrail-chain-${claimId.replace(/[^0-9a-f-]/gi, '').slice(0, 13)}.${ext}`;
}
