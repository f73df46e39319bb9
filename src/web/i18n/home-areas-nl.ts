/** Dutch descriptions of the programme, network, expertise, report and privacy pages on the home page, by path key. */
export const homeAreasNl = {
  homeAreas: {
    programme: 'Actielijnen en interventiecatalogus, uitvoeringsplannen per gemeente, evaluaties en quickscans.',
    contactCircles: 'Na een incident een contactcirkel inzetten: de vijf stappen, het verslag en de procesevaluatie.',
    keyFigures: 'De vaste lijst van sleutelfiguren, met hun toestemming.',
    networks: 'Sleutelfigurennetwerken zoals het SNRP: leden, bijeenkomsten, gedeelde signalen en activiteiten.',
    trainings: 'Trainingsaanbod (RoR, Behr), bijeenkomsten, deelnemers en aanwezigheid.',
    attentionOfficers: 'Aandachtsfunctionarissen per organisatie.',
    pool: 'De planning van de expertisepool en het koppelen van een poollid aan een casus.',
    newsletter: 'Nieuwsbrief: abonnees, een uitgave samenstellen, verzenden of exporteren.',
    dashboard: 'De belangrijkste cijfers van de aanpak in één oogopslag, geaggregeerd.',
    reports: 'Jaarverslag aan de raad en input voor de NCTV-aanvraag, als tabel, grafiek, PDF en CSV.',
    subjectAccess: 'Inzageverzoeken van betrokkenen: verzamelen, toestemming van de bron, weglaten met grond, besluit.',
    breakGlass: 'Gebruik van noodtoegang beoordelen.',
    covenants: 'Het register van convenanten: deelnemers, grondslag en wat elke organisatie mag delen.',
    retention: 'Bewaartermijnen, de voorvertoning van de volgende vernietiging, bewaarplichten en eerdere runs.',
    requests: 'Verzoeken tot rectificatie en verwijdering, met goedkeuring door een tweede persoon.',
  },
};
