import { eq } from 'drizzle-orm'
import { grantConsent } from '~/consent/consent.server'
import type { DbOrTx } from '../client.server'
import { institutionNames, stories } from '../schema/monument'

// Demo stories for development and the demo survivor. Clearly fictional: invented people and
// invented institutions, no real names; calm and not graphic. Each published story has a
// public publish consent in the ledger and the matching `audience`, as a real one would.
type DemoStory = Pick<typeof stories.$inferInsert, 'title' | 'body' | 'contentNote' | 'decades' | 'settings' | 'institutionName' | 'violenceKinds' | 'themes' | 'region' | 'displayMode' | 'pseudonym'>

const PUBLISHED: DemoStory[] = [
  {
    title: 'De zomer dat niemand luisterde',
    contentNote: 'Dit verhaal gaat over straf en eenzaamheid in een tehuis.',
    body: [
      'Ik was negen toen ik naar het tehuis ging. Mijn moeder was ziek en er was niemand anders. Ik weet nog dat ik mijn koffer zelf moest dragen, de trap op, naar een zaal met twaalf bedden.',
      'De regels waren streng. Wie praatte na het licht uit, moest op de gang staan. Soms uren. Ik heb daar veel nachten gestaan, met mijn rug tegen de koude muur.',
      'Het ergste was niet de straf. Het ergste was dat niemand luisterde als je vertelde wat er gebeurde. Toen ik het aan een leidster vertelde, zei ze dat ik niet moest overdrijven.',
      'Nu, vijftig jaar later, schrijf ik het toch op. Voor mezelf, en voor de kinderen die er na mij kwamen. Dit verhaal is verzonnen voor de demonstratie van dit portaal.',
    ].join('\n\n'),
    decades: ['1960s', '1970s'],
    settings: ['residentialGroup'],
    institutionName: 'Huize De Lindenhof (verzonnen)',
    violenceKinds: ['psychological', 'physical'],
    themes: ['notBelieved', 'punishment', 'isolation'],
    region: 'gelderland',
    displayMode: 'pseudonym',
    pseudonym: 'Merel',
  },
  {
    title: 'Werken in de wasserij',
    contentNote: 'Dit verhaal gaat over gedwongen werk.',
    body: [
      'Elke ochtend om zes uur gingen we naar de wasserij. We waren veertien, vijftien jaar. School was er bijna niet; er moest gewerkt worden.',
      'De lakens kwamen van ziekenhuizen en hotels. We vouwden en streken tot onze handen pijn deden. Betaald werden we niet. Praten mocht niet.',
      'Ik heb lang gedacht dat het aan mij lag. Pas toen ik andere vrouwen ontmoette die hetzelfde hadden meegemaakt, begreep ik dat het niet normaal was.',
      'Dit verhaal is verzonnen voor de demonstratie van dit portaal.',
    ].join('\n\n'),
    decades: ['1950s'],
    settings: ['residentialGroup'],
    institutionName: 'Sint-Agnesgesticht (verzonnen)',
    violenceKinds: ['forcedLabour', 'psychological'],
    themes: ['education', 'recognition'],
    region: 'noordBrabant',
    displayMode: 'anonymous',
    pseudonym: null,
  },
  {
    title: 'Drie pleeggezinnen in vier jaar',
    contentNote: null,
    body: [
      'Tussen mijn achtste en twaalfde woonde ik in drie pleeggezinnen. Elke keer een nieuwe school, nieuwe regels, een nieuwe slaapkamer die niet van mij was.',
      'In het tweede gezin kreeg ik vaak geen eten als ik iets verkeerd had gedaan. Ik leerde stil te zijn en niets te vragen.',
      'Wat me hielp, was een juf op school die merkte dat er iets niet goed ging. Zij heeft ervoor gezorgd dat ik daar weg kon.',
      'Ik vertel dit omdat ik wil dat pleegkinderen nu beter gehoord worden. Dit verhaal is verzonnen voor de demonstratie van dit portaal.',
    ].join('\n\n'),
    decades: ['1980s', '1990s'],
    settings: ['fosterFamily'],
    institutionName: null,
    violenceKinds: ['neglect', 'psychological'],
    themes: ['separationFromFamily', 'lifeAfterwards'],
    region: 'zuidHolland',
    displayMode: 'pseudonym',
    pseudonym: 'Sam',
  },
  {
    title: 'Na de opname',
    contentNote: 'Dit verhaal gaat over een gesloten afdeling en de jaren daarna.',
    body: [
      'Ik was zestien toen ik werd opgenomen op een gesloten afdeling. Ik begreep niet waarom. Niemand legde het uit.',
      'De dagen waren lang en leeg. Als je boos werd, ging je naar de separeer. Daar heb ik geleerd mijn gevoelens weg te stoppen.',
      'Het heeft jaren geduurd voordat ik weer iemand kon vertrouwen. Met hulp van een goede therapeut gaat het nu beter. Ik werk, ik heb vrienden.',
      'Dit verhaal is verzonnen voor de demonstratie van dit portaal.',
    ].join('\n\n'),
    decades: ['2000s'],
    settings: ['youthMentalHealthCare'],
    institutionName: 'Kliniek Het Duin (verzonnen)',
    violenceKinds: ['psychological'],
    themes: ['isolation', 'lifeAfterwards'],
    region: 'noordHolland',
    displayMode: 'anonymous',
    pseudonym: null,
  },
]

const DRAFT: DemoStory = {
  title: 'Mijn eerste dag',
  contentNote: null,
  body: 'Ik weet nog precies hoe het rook op de eerste dag. Zeep en natte jassen. (Nog niet af.)',
  decades: ['1970s'],
  settings: ['residentialGroup'],
  institutionName: null,
  violenceKinds: [],
  themes: [],
  region: null,
  displayMode: 'anonymous',
  pseudonym: null,
}

/**
 * Sent in and waiting for a moderator, so the review and the pillory guard can be tried at
 * once: it names a (made-up) group leader, a phone number and a street, as real stories do.
 */
const SUBMITTED: DemoStory = {
  title: 'De nachten op de jongensgroep',
  contentNote: 'Dit verhaal gaat over angst en straf.',
  body: [
    'In 1978 kwam ik op de jongensgroep. Groepsleider Kramer had de nachtdienst. Als hij zijn sleutels liet rinkelen, wist iedereen dat het stil moest zijn.',
    'Mijn moeder belde soms naar 020-5550123, het nummer van de groep, maar ze mocht me nooit spreken. Het gebouw stond aan de Dennenlaan 12 in een dorp waar ik nooit meer ben geweest.',
    'Dit verhaal is verzonnen voor de demonstratie van dit portaal.',
  ].join('\n\n'),
  decades: ['1970s'],
  settings: ['residentialGroup'],
  institutionName: null,
  violenceKinds: ['psychological'],
  themes: ['punishment'],
  region: 'utrecht',
  displayMode: 'pseudonym',
  pseudonym: 'Rob',
}

function slug(i: number) {
  return `demo-verhaal-${i + 1}`
}

/** 3–4 published demo stories by the demo survivor (public consent in the ledger), one draft and one waiting for moderation. */
export async function seedMonumentDemo(tx: DbOrTx, { survivorId }: { survivorId: string }) {
  const day = 24 * 60 * 60 * 1000
  for (const [i, story] of PUBLISHED.entries()) {
    const at = new Date(Date.now() - (PUBLISHED.length - i) * 3 * day)
    const [row] = await tx
      .insert(stories)
      .values({
        ...story,
        authorId: survivorId,
        slug: slug(i),
        status: 'published',
        // The moderated version the author approved: nothing to redact in these invented texts.
        publishedTitle: story.title,
        publishedBody: story.body,
        publishedContentNote: story.contentNote,
        submittedAt: new Date(at.getTime() - day),
        authorApprovedAt: at,
        publishedAt: at,
        audience: 'public',
        revision: 1,
      })
      .onConflictDoNothing({ target: stories.slug })
      .returning({ id: stories.id })
    if (!row) continue
    await grantConsent(
      { subjectRef: survivorId, userId: survivorId, objectType: 'story', objectId: row.id, purpose: 'monument.publishPublic', locale: 'nl', channel: 'web' },
      tx,
    )
  }
  await tx.insert(stories).values({ ...DRAFT, authorId: survivorId, slug: 'demo-concept-1' }).onConflictDoNothing({ target: stories.slug })
  const [submitted] = await tx
    .insert(stories)
    .values({ ...SUBMITTED, authorId: survivorId, slug: 'demo-ingestuurd-1', status: 'submitted', submittedAt: new Date(Date.now() - 2 * day), revision: 1 })
    .onConflictDoNothing({ target: stories.slug })
    .returning({ id: stories.id })
  if (submitted) {
    // Its author chose publication; it still waits for moderation and their own approval.
    await grantConsent(
      { subjectRef: survivorId, userId: survivorId, objectType: 'story', objectId: submitted.id, purpose: 'monument.publishPublic', locale: 'nl', channel: 'web' },
      tx,
    )
    await tx.update(stories).set({ audience: 'public' }).where(eq(stories.id, submitted.id))
  }
  for (const name of ['Huize De Lindenhof (verzonnen)', 'Sint-Agnesgesticht (verzonnen)', 'Kliniek Het Duin (verzonnen)']) {
    await tx.insert(institutionNames).values({ name }).onConflictDoNothing()
  }
}
