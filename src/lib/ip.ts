const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** True for a textual IPv4 address or an IPv6 address (with :: compression, an embedded IPv4 tail or a zone). */
export function isIpAddress(text: string): boolean {
  if (IPV4.test(text)) return true;
  return isIpv6(text);
}

function isIpv6(text: string): boolean {
  const address = text.replace(/%[\w.-]+$/, '');
  if (!/^[0-9a-fA-F:.]+$/.test(address) || !address.includes(':')) return false;
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const all = [...head, ...tail];
  let width = 0;
  for (const [i, g] of all.entries()) {
    if (i === all.length - 1 && IPV4.test(g)) width += 2;
    else if (/^[0-9a-fA-F]{1,4}$/.test(g)) width += 1;
    else return false;
  }
  return halves.length === 2 ? width < 8 : width === 8;
}
