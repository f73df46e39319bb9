/** English descriptions of the programme, network, expertise, report and privacy pages on the home page. */
export const homeAreasEn = {
  homeAreas: {
    programme:
      'Action lines and the intervention catalogue, implementation plans per municipality, evaluations and quick scans.',
    contactCircles: 'Open a contact circle after an incident: the five steps, the report and the process evaluation.',
    keyFigures: 'The standing list of key figures, with their consent.',
    networks: 'Key-figure networks such as the SNRP: members, meetings, shared signals and activities.',
    trainings: 'Trainings (RoR, Behr), sessions, participants and attendance.',
    attentionOfficers: 'Attention officers per organisation.',
    pool: 'The expertise pool schedule and matching a pool member to a case.',
    newsletter: 'Newsletter: subscribers, compose an issue, send or export it.',
    dashboard: 'The main figures of the approach at a glance, aggregated.',
    reports: 'Annual report to the council and input for the NCTV funding request, as table, chart, PDF and CSV.',
    subjectAccess: 'Subject access requests: collect, source consent, withhold with a ground, decide.',
    breakGlass: 'Review uses of emergency access.',
    covenants: 'The covenant register: participants, legal basis and what each organisation may share.',
    retention: 'Retention terms, the preview of the next destruction, legal holds and past runs.',
    requests: 'Rectification and erasure requests, approved by a second person.',
  },
};
