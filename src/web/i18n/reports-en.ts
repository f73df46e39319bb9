/** English texts of the reports pages; same shape as reports-nl.ts. */
export const reportsEn = {
  reportsPages: {
    nav: {
      reports: 'Reports',
      dashboard: 'Dashboard',
    },
    reports: {
      title: 'Reports',
      intro:
        'The annual report to the municipal council and the input for the funding request to the NCTV: signals, ' +
        'cases, interventions, trainings and evaluations. Aggregate counts only, no personal data.',
      form: 'Choose the period',
      year: 'Year',
      yearHint: 'For the running year only the quarters that have ended count.',
      show: 'Show report',
      loaded: 'Annual report {{year}} shown.',
      noQuarter: 'No quarter of {{year}} has ended yet',
      noQuarterText: 'A report covers whole quarters only. Choose an earlier year.',
      downloads: 'Download',
      downloadPdf: 'Download annual report {{year}} (PDF)',
      downloadCsv: 'Download annual report {{year}} (CSV, for a spreadsheet)',
      contents: 'Contents of the report',
      toDashboard: 'Go to the dashboard',
    },
    period: {
      complete: 'Calendar year {{year}} ({{from}} to {{to}}).',
      partial_one: '{{year}}, the first quarter ({{from}} to {{to}}): ended quarters only.',
      partial_other: '{{year}}, the first {{count}} quarters ({{from}} to {{to}}): ended quarters only.',
      generated: 'Compiled on {{at}}.',
      demo: 'Demo — fictitious data',
    },
    suppression: {
      heading: 'Small counts are suppressed',
      intro: 'So that nobody can be recognised from a small count, not even by subtracting two reports.',
      smallTerm: '<5',
      small: 'A count from 1 to 4. Sometimes a 0 is shown as "<5" too, to protect a small count next to it.',
      withheldTerm: 'x',
      withheld: 'Not shown, so that a small count elsewhere in the row or column cannot be worked out.',
      periods:
        'Only whole quarters and calendar years are reported. A year total is shown only when all of its quarters ' +
        'are shown.',
      charts: 'In the charts a suppressed count has no bar, but "<5" or "x".',
    },
    cell: {
      smallSr: 'less than 5',
      withheldSr: 'suppressed',
    },
    basis: {
      month: 'Counts per month.',
      period: 'Counts per quarter.',
      snapshot: 'State on the day of the report.',
      activity: 'Numbers of activities, not persons.',
      budget: 'Amounts in euros; money, not counts of persons, so not suppressed.',
    },
    unavailable: 'Not available: this installation does not (yet) keep this data.',
    chart: {
      caption: 'Chart: {{title}}',
      alternativeAbove: 'The figures are in the table above.',
      alternativeBelow: 'The figures are in the table below the chart.',
      leftOut_one: '1 bar is left out because its count is suppressed.',
      leftOut_other: '{{count}} bars are left out because their counts are suppressed.',
      notDrawn: 'no bar',
      allZero: 'All counts are 0: there is nothing to draw.',
      allHidden: 'All counts are suppressed: there is nothing to draw.',
      legend: 'Legend',
    },
    columns: {
      category: 'Category',
      month: 'Month',
      actionLine: 'Action line',
      q1: 'Q1',
      q2: 'Q2',
      q3: 'Q3',
      q4: 'Q4',
      yearThrough: '{{year}} through {{quarter}}',
      total: 'Total',
      count: 'Number',
      signals: 'Signals',
    },
    quartersShort: {
      q1: 'Q1',
      q2: 'Q2',
      q3: 'Q3',
      q4: 'Q4',
    },
    rows: {
      total: 'Total',
      m1: 'January',
      m2: 'February',
      m3: 'March',
      m4: 'April',
      m5: 'May',
      m6: 'June',
      m7: 'July',
      m8: 'August',
      m9: 'September',
      m10: 'October',
      m11: 'November',
      m12: 'December',
      'q1-destroyed': 'Q1: destroyed, month not kept',
      'q2-destroyed': 'Q2: destroyed, month not kept',
      'q3-destroyed': 'Q3: destroyed, month not kept',
      'q4-destroyed': 'Q4: destroyed, month not kept',
      jihadist: 'Jihadist',
      right_wing: 'Right-wing extremist',
      left_wing: 'Left-wing extremist',
      anti_government: 'Anti-government',
      other_unclear: 'Other or unclear',
      radicalised: 'Radicalised person',
      recruiter: 'Recruiter',
      intending_traveller: 'Intending traveller',
      stay_at_home: 'Stay-at-home',
      departed: 'Departed',
      returnee: 'Returnee',
      detainee: '(Former) detainee, terrorist offence',
      family_member: 'Family member',
      preparation: 'Preparation',
      analysis: 'Analysis',
      execution: 'Execution',
      monitoring: 'Monitoring',
      closed_provisional: 'Provisionally closed',
      closed: 'Closed',
      local: 'Local',
      regional: 'Regional',
      national: 'National',
      open_case: 'Case opened',
      handle_locally: 'Handled locally',
      refer: 'Referred',
      no_action: 'No further action',
      basic: 'Basic training',
      extremism: 'Left- and right-wing extremism',
      youth: 'Youth',
      lone_actor: 'Potentially violent lone actor',
      multi_day: 'Multi-day training',
      refresher: 'Refresher day',
      other: 'Other',
      plan: 'Plan evaluation',
      process: 'Process evaluation',
      effect: 'Effect evaluation',
    },
    sections: {
      'signals-per-month': {
        title: 'Signals per month',
        description: 'Signals received, by month of receipt.',
      },
      'signals-by-ideology': {
        title: 'Signals per quarter and ideology',
        description: 'Signals received, by quarter of receipt and ideology.',
      },
      'triage-decisions': {
        title: 'Decisions in the triage meeting',
        description: 'Decisions on signals by quarter of the decision and kind of decision.',
      },
      'cases-by-target-group': {
        title: 'Cases opened per target group',
        description: 'Cases (person-centred approach) by quarter of opening and target group.',
      },
      'cases-by-ideology': {
        title: 'Cases opened per ideology',
        description: 'Cases by quarter of opening and ideology.',
      },
      'cases-by-phase': {
        title: 'Cases per phase',
        description:
          'Cases that were open in the period, by their phase on the day of the report. This is a state, not a count ' +
          'of the period.',
      },
      'cases-by-escalation-level': {
        title: 'Cases per escalation level',
        description:
          'Cases that were open in the period, by their escalation level on the day of the report. This is a state, ' +
          'not a count of the period.',
      },
      'interventions-run': {
        title: 'Interventions run',
        description:
          'Numbers of activities (for example performances, trainings, meetings) from the implementation plans of ' +
          '{{year}}, per action line and municipality; cancelled lines do not count.',
      },
      'interventions-planned': {
        title: 'Interventions planned',
        description:
          'Planned numbers of activities from the implementation plans of {{year}}, per action line and ' +
          'municipality; cancelled lines do not count.',
      },
      budget: {
        title: 'Budget per action line and municipality',
        description:
          'Budgeted amounts from the implementation plans of {{year}}, per action line and municipality; cancelled ' +
          'lines do not count.',
      },
      'training-sessions': {
        title: 'Training sessions held',
        description: 'Training sessions by quarter and kind of training.',
      },
      'training-participants': {
        title: 'Training participants',
        description: 'Participants who attended, by quarter and kind of training.',
      },
      'evaluations-by-kind': {
        title: 'Evaluations carried out',
        description: 'Plan, process and effect evaluations of interventions by quarter in which they were carried out.',
      },
    },
    dashboard: {
      title: 'Dashboard',
      intro:
        'The programme’s key figures at a glance: the running year through its last ended quarter (in the first ' +
        'quarter: the previous year). Aggregate counts only.',
      keyFigures: 'Key figures',
      charts: 'Charts',
      figures: {
        signals: 'Signals',
        triage: 'Decisions on signals',
        casesOpened: 'Cases opened',
        casesActive: 'Cases that ran in the period',
        interventionsRun: 'Interventions run (activities)',
        trainingParticipants: 'Training participants',
        budget: 'Budget in the implementation plans',
      },
      figureHidden: 'Suppressed: see the explanation below.',
      showTable: 'Figures as a table: {{title}}',
      fullReport: 'Full annual report {{year}} with tables and downloads',
    },
  },
};
