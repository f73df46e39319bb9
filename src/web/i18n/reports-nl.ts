/** Dutch texts of the reports pages, under the key "reportsPages". reports-en.ts mirrors this shape. */
export const reportsNl = {
  reportsPages: {
    nav: {
      reports: 'Rapportages',
      dashboard: 'Dashboard',
    },
    reports: {
      title: 'Rapportages',
      intro:
        'De jaarrapportage aan de gemeenteraad en de input voor de aanvraag bij de NCTV: meldingen, casussen, ' +
        'interventies, trainingen en evaluaties. Alleen geaggregeerde aantallen, zonder persoonsgegevens.',
      form: 'Kies de periode',
      year: 'Jaar',
      yearHint: 'Van het lopende jaar tellen alleen de kwartalen die al zijn afgelopen.',
      show: 'Rapportage tonen',
      loaded: 'Jaarrapportage {{year}} getoond.',
      noQuarter: 'Van {{year}} is nog geen kwartaal afgelopen',
      noQuarterText: 'Een rapportage gaat alleen over hele kwartalen. Kies een eerder jaar.',
      downloads: 'Downloaden',
      pdfStart: 'PDF van jaarrapportage {{year}} klaarzetten',
      pdfNote:
        'De PDF wordt op de achtergrond gemaakt; daarna kunt u hem downloaden. Het maken en downloaden worden vastgelegd.',
      pdfQueued: 'De PDF staat klaar om gemaakt te worden…',
      pdfRunning: 'De PDF wordt gemaakt…',
      pdfDone: 'De PDF is klaar.',
      downloadPdf: 'Jaarrapportage {{year}} downloaden (pdf, {{size}})',
      pdfUntil: 'Alleen voor u beschikbaar tot {{until}}.',
      pdfFailed:
        'Het maken van de PDF is mislukt. Probeer het later opnieuw; blijft het misgaan, meld het dan aan de functioneel beheerder.',
      pdfExpired: 'Deze PDF is verlopen. Zet hem opnieuw klaar.',
      downloadCsv: 'Jaarrapportage {{year}} downloaden (csv, voor een spreadsheet)',
      contents: 'Inhoud van de rapportage',
      toDashboard: 'Naar het dashboard',
    },
    period: {
      complete: 'Kalenderjaar {{year}} ({{from}} t/m {{to}}).',
      partial_one: '{{year}}, het eerste kwartaal ({{from}} t/m {{to}}): alleen afgelopen kwartalen.',
      partial_other: '{{year}}, de eerste {{count}} kwartalen ({{from}} t/m {{to}}): alleen afgelopen kwartalen.',
      generated: 'Opgesteld op {{at}}.',
      demo: 'Demo — fictieve gegevens',
    },
    suppression: {
      heading: 'Kleine aantallen zijn afgeschermd',
      intro:
        'Zo is niemand te herkennen aan een klein aantal, ook niet door twee rapportages van elkaar af te trekken.',
      smallTerm: '<5',
      small:
        'Een aantal van 1 tot en met 4. Soms staat er ook bij een 0 "<5", om een klein aantal ernaast te beschermen.',
      withheldTerm: 'x',
      withheld: 'Niet getoond, zodat een klein aantal elders in de rij of kolom niet kan worden uitgerekend.',
      periods:
        'Alleen hele kwartalen en kalenderjaren worden gerapporteerd. Een jaartotaal staat er alleen als alle kwartalen ' +
        'ervan zichtbaar zijn.',
      charts: 'In de grafieken staat bij een afgeschermd aantal geen staaf, maar "<5" of "x".',
    },
    cell: {
      smallSr: 'minder dan 5',
      withheldSr: 'afgeschermd',
    },
    basis: {
      month: 'Aantallen per maand.',
      period: 'Aantallen per kwartaal.',
      snapshot: 'Stand op de dag van de rapportage.',
      activity: 'Aantallen activiteiten, geen personen.',
      budget: 'Bedragen in euro; geld, geen aantallen personen, dus niet afgeschermd.',
    },
    unavailable: 'Niet beschikbaar: deze installatie houdt deze gegevens (nog) niet bij.',
    chart: {
      caption: 'Grafiek: {{title}}',
      alternativeAbove: 'De cijfers staan in de tabel hierboven.',
      alternativeBelow: 'De cijfers staan in de tabel onder de grafiek.',
      leftOut_one: '1 staaf is weggelaten omdat het aantal is afgeschermd.',
      leftOut_other: '{{count}} staven zijn weggelaten omdat het aantal is afgeschermd.',
      notDrawn: 'geen staaf',
      allZero: 'Alle aantallen zijn 0: er is niets te tekenen.',
      allHidden: 'Alle aantallen zijn afgeschermd: er is niets te tekenen.',
      legend: 'Legenda',
    },
    columns: {
      category: 'Categorie',
      month: 'Maand',
      actionLine: 'Actielijn',
      q1: '1e kwartaal',
      q2: '2e kwartaal',
      q3: '3e kwartaal',
      q4: '4e kwartaal',
      yearThrough: '{{year}} t/m {{quarter}}',
      total: 'Totaal',
      count: 'Aantal',
      signals: 'Meldingen',
    },
    quartersShort: {
      q1: 'K1',
      q2: 'K2',
      q3: 'K3',
      q4: 'K4',
    },
    rows: {
      total: 'Totaal',
      m1: 'januari',
      m2: 'februari',
      m3: 'maart',
      m4: 'april',
      m5: 'mei',
      m6: 'juni',
      m7: 'juli',
      m8: 'augustus',
      m9: 'september',
      m10: 'oktober',
      m11: 'november',
      m12: 'december',
      'q1-destroyed': '1e kwartaal: vernietigd, maand niet bewaard',
      'q2-destroyed': '2e kwartaal: vernietigd, maand niet bewaard',
      'q3-destroyed': '3e kwartaal: vernietigd, maand niet bewaard',
      'q4-destroyed': '4e kwartaal: vernietigd, maand niet bewaard',
      jihadist: 'Jihadistisch',
      right_wing: 'Rechts-extremistisch',
      left_wing: 'Links-extremistisch',
      anti_government: 'Anti-overheid',
      other_unclear: 'Overig of onduidelijk',
      radicalised: 'Geradicaliseerde persoon',
      recruiter: 'Ronselaar',
      intending_traveller: 'Voorgenomen uitreiziger',
      stay_at_home: 'Thuisblijver',
      departed: 'Uitgereisde',
      returnee: 'Terugkeerder',
      detainee: '(Ex-)gedetineerde terroristisch misdrijf',
      family_member: 'Familielid',
      preparation: 'Voorbereiding',
      analysis: 'Analyse',
      execution: 'Uitvoering',
      monitoring: 'Monitoring',
      closed_provisional: 'Voorlopig afgesloten',
      closed: 'Afgesloten',
      local: 'Lokaal',
      regional: 'Regionaal',
      national: 'Landelijk',
      open_case: 'Casus geopend',
      handle_locally: 'Lokaal opgepakt',
      refer: 'Doorverwezen',
      no_action: 'Geen verdere actie',
      basic: 'Basistraining',
      extremism: 'Links- en rechtsextremisme',
      youth: 'Jeugd',
      lone_actor: 'Potentieel gewelddadige eenling',
      multi_day: 'Meerdaagse training',
      refresher: 'Terugkomdag',
      other: 'Overig',
      plan: 'Planevaluatie',
      process: 'Procesevaluatie',
      effect: 'Effectevaluatie',
    },
    sections: {
      'signals-per-month': {
        title: 'Meldingen per maand',
        description: 'Ontvangen meldingen (signalen) naar maand van ontvangst.',
      },
      'signals-by-ideology': {
        title: 'Meldingen per kwartaal en ideologie',
        description: 'Ontvangen meldingen (signalen) naar kwartaal van ontvangst en ideologie.',
      },
      'triage-decisions': {
        title: 'Besluiten in het afstemmingsoverleg',
        description: 'Besluiten over meldingen naar kwartaal van het besluit en soort besluit.',
      },
      'cases-by-target-group': {
        title: 'Geopende casussen per doelgroep',
        description: 'Casussen (persoonsgerichte aanpak) naar kwartaal van opening en doelgroep.',
      },
      'cases-by-ideology': {
        title: 'Geopende casussen per ideologie',
        description: 'Casussen naar kwartaal van opening en ideologie.',
      },
      'cases-by-phase': {
        title: 'Casussen per fase',
        description:
          'Casussen die in de periode open waren, naar hun fase op de dag van de rapportage. Dit is een stand, geen ' +
          'telling van de periode.',
      },
      'cases-by-escalation-level': {
        title: 'Casussen per opschalingsniveau',
        description:
          'Casussen die in de periode open waren, naar hun opschalingsniveau op de dag van de rapportage. Dit is een ' +
          'stand, geen telling van de periode.',
      },
      'interventions-run': {
        title: 'Uitgevoerde interventies',
        description:
          'Aantallen activiteiten (bijvoorbeeld voorstellingen, trainingen, bijeenkomsten) uit de uitvoeringsplannen ' +
          'van {{year}}, per actielijn en gemeente; geannuleerde regels tellen niet mee.',
      },
      'interventions-planned': {
        title: 'Geplande interventies',
        description:
          'Geplande aantallen activiteiten uit de uitvoeringsplannen van {{year}}, per actielijn en gemeente; ' +
          'geannuleerde regels tellen niet mee.',
      },
      budget: {
        title: 'Begroting per actielijn en gemeente',
        description:
          'Begrote bedragen uit de uitvoeringsplannen van {{year}}, per actielijn en gemeente; geannuleerde regels ' +
          'tellen niet mee.',
      },
      'training-sessions': {
        title: 'Gegeven trainingen',
        description: 'Trainingsbijeenkomsten naar kwartaal en soort training.',
      },
      'training-participants': {
        title: 'Deelnemers aan trainingen',
        description: 'Deelnemers die aanwezig waren, naar kwartaal en soort training.',
      },
      'evaluations-by-kind': {
        title: 'Uitgevoerde evaluaties',
        description: 'Plan-, proces- en effectevaluaties van interventies naar kwartaal van uitvoering.',
      },
    },
    dashboard: {
      title: 'Dashboard',
      intro:
        'De belangrijkste cijfers van het programma in één oogopslag: het lopende jaar tot en met het laatst ' +
        'afgelopen kwartaal (in het eerste kwartaal: het vorige jaar). Alleen geaggregeerde aantallen.',
      keyFigures: 'Kerncijfers',
      charts: 'Grafieken',
      figures: {
        signals: 'Meldingen',
        triage: 'Besluiten over meldingen',
        casesOpened: 'Geopende casussen',
        casesActive: 'Casussen die in de periode liepen',
        interventionsRun: 'Uitgevoerde interventies (activiteiten)',
        trainingParticipants: 'Deelnemers aan trainingen',
        budget: 'Begroting in de uitvoeringsplannen',
      },
      figureHidden: 'Afgeschermd: zie de uitleg hieronder.',
      showTable: 'Cijfers als tabel: {{title}}',
      fullReport: 'Volledige jaarrapportage {{year}} met tabellen en downloads',
    },
  },
};
