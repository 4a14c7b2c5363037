/** What the exports cannot show, so nobody reads more into the figures than they hold: the page and the brief list them. */
export const DATA_LIMITS: readonly { title: string; text: string }[] = [
  { title: 'Offline use', text: 'Sessions run while a machine was offline reach Autodesk late or not at all.' },
  { title: 'Short sessions', text: 'Sessions under about 5 minutes are often not reported (it depends on the product version).' },
  { title: 'Shared logins', text: 'One account used by several people counts as one user.' },
  {
    title: "Outside the export's range",
    text: 'Days before or after the exported period were not observed: they are not "no usage", and the review window never starts before the first day of data.',
  },
  { title: 'Devices and networks', text: 'Device names and IP addresses exist only in session-level telemetry and licence-server logs, not in the Autodesk Account reports.' },
];
