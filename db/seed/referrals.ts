import { sql } from 'drizzle-orm'
import { DirectoryEntryInputSchema, INFORMATION_POINT_SLUG, type DirectoryEntryInput } from '~/referrals/schemas'
import type { DbOrTx } from '../client.server'
import { directoryEntries } from '../schema/referrals'

// Every fact below comes from the public sources summarised in /work/shared/DOMAIN.md
// ("Help and peer support" and "The financial scheme"); each entry names its source. Where
// the sources give no address, website, e-mail address or opening hours, none is listed: a
// wrong phone number in a help directory does real harm. Descriptions of organisations the
// sources only name are kept generic and follow from the name.
const CHECKED = '2026-11-24'
const CIE_PHONE = { type: 'phone', value: '0800-1238' } as const
const CIE_WEBSITE = { type: 'website', value: 'https://geweldindejeugdzorginfo.nl' } as const

const ENTRIES: Array<Omit<DirectoryEntryInput, 'lastCheckedAt' | 'published'>> = [
  {
    slug: INFORMATION_POINT_SLUG,
    name: 'Trimbos-instituut: Centraal Informatie- en Expertisepunt (CIE)',
    kind: 'informationPoint',
    texts: {
      nl: {
        description:
          'Het Centraal Informatie- en Expertisepunt voor slachtoffers van geweld in de jeugdzorg. Je kunt er al je vragen stellen. Getrainde adviseurs helpen je om hulp of zorg te vinden die bij je past. Als je dat wilt, begeleidt een vaste contactpersoon je tot je die zorg hebt. Op de website staan een hulpwijzer en een kaart met gespecialiseerde traumabehandeling. Je kunt er ook mailen en chatten: dat gaat via de website.',
        forWhom: 'Voor iedereen die als kind geweld heeft meegemaakt in de jeugdzorg. Ook professionals kunnen er terecht, bijvoorbeeld huisartsen en maatschappelijk werkers.',
      },
      en: {
        description:
          'The central information and expertise point for victims of violence in youth care. You can ask any question there. Trained advisers help you find help or care that suits you. If you wish, a fixed contact person guides you until you are in care. The website has a help guide and a map of specialised trauma treatment. You can also e-mail or chat: you do that through the website.',
        forWhom: 'For anyone who suffered violence in youth care as a child. Professionals, such as GPs and social workers, can also turn to it.',
      },
    },
    languages: ['nl'],
    needs: ['information', 'traumaTreatment'],
    contacts: [CIE_PHONE, CIE_WEBSITE],
    source: 'DOMAIN.md: Help and peer support (Trimbos-instituut CIE) and Referral directory and triage',
  },
  {
    slug: 'trimbos-kaart-traumabehandeling',
    name: 'Trimbos-instituut: kaart met gespecialiseerde traumabehandeling',
    kind: 'treatment',
    texts: {
      nl: {
        description:
          'Het Centraal Informatie- en Expertisepunt (CIE) van het Trimbos-instituut heeft een kaart met plekken voor gespecialiseerde traumabehandeling. Je vindt de kaart via het CIE. De adviseurs van het CIE helpen je om een behandeling te kiezen die bij je past.',
        forWhom: 'Voor mensen die na geweld in de jeugdzorg een behandeling voor trauma zoeken.',
      },
      en: {
        description:
          'The central information and expertise point (CIE) of the Trimbos-instituut has a map of places that offer specialised trauma treatment. You find the map through the CIE. Its advisers help you choose a treatment that suits you.',
        forWhom: 'For people looking for trauma treatment after violence in youth care.',
      },
    },
    languages: ['nl'],
    needs: ['traumaTreatment'],
    contacts: [CIE_WEBSITE, CIE_PHONE],
    source: 'DOMAIN.md: Help and peer support (Trimbos-instituut CIE: map of specialised trauma treatment)',
  },
  {
    slug: 'slachtofferhulp-nederland',
    name: 'Slachtofferhulp Nederland',
    kind: 'victimSupport',
    texts: {
      nl: {
        description:
          'Slachtofferhulp Nederland luistert naar je. Ze helpen je op weg naar de juiste hulp en brengen je daar zelf mee in contact. Ze brengen je ook in contact met lotgenoten en geven juridische steun. Slachtofferhulp organiseerde het lotgenotencontact dat de overheid van 2021 tot 2023 betaalde.',
        forWhom: 'Voor slachtoffers, ook voor mensen die als kind geweld in de jeugdzorg hebben meegemaakt.',
      },
      en: {
        description:
          'Slachtofferhulp Nederland (Victim Support Netherlands) listens to you. They help you on your way to the right help and put you in touch with it themselves. They also put you in touch with fellow survivors and give legal support. Slachtofferhulp ran the peer contact that the government funded from 2021 to 2023.',
        forWhom: 'For victims, including people who suffered violence in youth care as a child.',
      },
    },
    languages: ['nl'],
    needs: ['someoneToTalkTo', 'peerContact', 'legalHelp'],
    contacts: [{ type: 'phone', value: '0900-0101' }],
    source: 'DOMAIN.md: Help and peer support (Slachtofferhulp Nederland; peer contact 2021–2023)',
  },
  {
    slug: 'verbreek-de-stilte',
    name: 'Verbreek de Stilte',
    kind: 'victimSupport',
    texts: {
      nl: {
        description:
          'Verbreek de Stilte is een telefoonlijn van Slachtofferhulp Nederland. De lijn hielp mensen ook bij het invullen van het formulier voor de financiële regeling. Verbreek de Stilte heeft nu ook Blijvend vertellen: verhalen en informatie per periode, instelling en soort geweld, een documentaire en verwijzingen naar hulp.',
        forWhom: 'Voor mensen die als kind geweld in de jeugdzorg hebben meegemaakt.',
      },
      en: {
        description:
          'Verbreek de Stilte (Break the Silence) is a phone line of Slachtofferhulp Nederland. It also helped people fill in the form for the financial scheme. Verbreek de Stilte now also hosts Blijvend vertellen: stories and information by period, institution and kind of violence, a documentary and links to help.',
        forWhom: 'For people who suffered violence in youth care as a child.',
      },
    },
    languages: ['nl'],
    needs: ['someoneToTalkTo', 'schemeHelp', 'information'],
    contacts: [
      { type: 'phone', value: '0900-9999 001' },
      { type: 'website', value: 'https://verbreekdestilte.nl/blijvendvertellen' },
    ],
    source: 'DOMAIN.md: Help and peer support (Verbreek de Stilte) and The existing monument (Blijvend vertellen)',
  },
  {
    slug: '113-zelfmoordpreventie',
    name: '113 Zelfmoordpreventie',
    kind: 'crisisLine',
    texts: {
      nl: {
        description:
          'Denk je aan zelfdoding? Praat erover met 113. Je kunt er dag en nacht terecht.',
        forWhom: 'Voor iedereen die aan zelfdoding denkt.',
      },
      en: {
        description:
          'Are you thinking about suicide? Talk about it with 113. You can call day and night.',
        forWhom: 'For anyone who is thinking about suicide.',
      },
    },
    languages: ['nl'],
    needs: ['crisis', 'someoneToTalkTo'],
    contacts: [
      { type: 'phone', value: '113', hours: { nl: 'Dag en nacht', en: 'Day and night' } },
      { type: 'phone', value: '0800-0113', hours: { nl: 'Dag en nacht', en: 'Day and night' } },
    ],
    source: 'DOMAIN.md: Help and peer support (113 Zelfmoordpreventie)',
  },
  {
    slug: 'centrum-seksueel-geweld',
    name: 'Centrum Seksueel Geweld',
    kind: 'crisisLine',
    texts: {
      nl: {
        description:
          'Hulp na seksueel geweld.',
        forWhom: 'Voor mensen die seksueel geweld hebben meegemaakt.',
      },
      en: {
        description:
          'Help after sexual violence.',
        forWhom: 'For people who have experienced sexual violence.',
      },
    },
    languages: ['nl'],
    needs: ['crisis'],
    contacts: [{ type: 'phone', value: '0800-0188' }],
    source: 'DOMAIN.md: Help and peer support (Centrum Seksueel Geweld)',
  },
  {
    slug: '112-alarmnummer',
    name: '112 (alarmnummer)',
    kind: 'crisisLine',
    texts: {
      nl: {
        description:
          'Bel 112 bij een noodgeval of als je in direct gevaar bent.',
        forWhom: 'Voor iedereen in een noodgeval.',
      },
      en: {
        description:
          'Call 112 in an emergency or when you are in immediate danger.',
        forWhom: 'For anyone in an emergency.',
      },
    },
    languages: ['nl'],
    needs: ['crisis'],
    contacts: [{ type: 'phone', value: '112' }],
    source: 'DOMAIN.md: Help and peer support (Emergencies: 112)',
  },
  {
    slug: 'schadefonds-geweldsmisdrijven',
    name: 'Schadefonds Geweldsmisdrijven',
    kind: 'compensation',
    texts: {
      nl: {
        description:
          'Het Schadefonds Geweldsmisdrijven voerde de financiële regeling voor slachtoffers van geweld in de jeugdzorg uit: een vast bedrag van € 5.000 als gebaar van erkenning, met een brief die het leed erkent. Aanvragen kon van 1 januari 2021 tot en met 31 december 2022. Er komt misschien een nieuwe of heropende regeling. Het Schadefonds betrekt lotgenotenorganisaties bij de uitvoering.',
        forWhom: 'Voor wie als minderjarige door de overheid in een pleeggezin, een instelling of de opvang voor alleenstaande minderjarige vreemdelingen is geplaatst, en daar tussen 5 mei 1945 en 12 juni 2019 geweld heeft meegemaakt.',
      },
      en: {
        description:
          'The Schadefonds Geweldsmisdrijven (Violent Offences Compensation Fund) carried out the financial scheme for victims of violence in youth care: one fixed amount of €5,000 as a gesture of recognition, with a letter acknowledging the suffering. Applications were possible from 1 January 2021 to 31 December 2022. A new or reopened scheme may come. The fund involves peer-support organisations in how it is run.',
        forWhom: 'For people who, as minors, were placed by the government in a foster family, an institution or reception for unaccompanied minor asylum seekers, and suffered violence there between 5 May 1945 and 12 June 2019.',
      },
    },
    periodFrom: 1945,
    periodTo: 2019,
    languages: ['nl'],
    needs: ['schemeHelp'],
    contacts: [],
    source: 'DOMAIN.md: The financial scheme (executor, amount, period, who) and Background',
  },
  {
    slug: 'kinderdwangarbeid-meisjes-goede-herder',
    name: 'Stichting Kinderdwangarbeid Meisjes van de Goede Herder (KMGH)',
    kind: 'peerSupport',
    texts: {
      nl: {
        description:
          'Een lotgenotenorganisatie voor mensen die als kind dwangarbeid moesten doen in de instellingen van de Goede Herder, tussen 1945 en 1975. Die dwangarbeid was onrechtmatig. De financiële regeling telde die ook mee.',
        forWhom: 'Voor wie als kind in een instelling van de Goede Herder heeft gezeten.',
      },
      en: {
        description:
          'A peer-support organisation for people who, as children, were made to do forced labour in the Goede Herder (Good Shepherd) institutions between 1945 and 1975. That forced labour was unlawful. The financial scheme counted it too.',
        forWhom: 'For people who were in a Goede Herder institution as a child.',
      },
    },
    settings: ['residentialGroup'],
    periodFrom: 1945,
    periodTo: 1975,
    languages: ['nl'],
    needs: ['peerContact'],
    contacts: [],
    source: 'DOMAIN.md: Help and peer support (peer-support organisations) and The financial scheme (Goede Herder forced labour 1945–1975)',
  },
  {
    slug: 'jeugdzorg-slachtoffers-nederland',
    name: 'Stichting Jeugdzorg Slachtoffers Nederland',
    kind: 'peerSupport',
    texts: {
      nl: {
        description:
          'Een lotgenotenorganisatie voor slachtoffers van de jeugdzorg.',
        forWhom: 'Voor mensen die als kind geweld in de jeugdzorg hebben meegemaakt.',
      },
      en: {
        description:
          'A peer-support organisation for victims of youth care.',
        forWhom: 'For people who suffered violence in youth care as a child.',
      },
    },
    languages: ['nl'],
    needs: ['peerContact'],
    contacts: [],
    source: 'DOMAIN.md: Help and peer support (peer-support organisations found in public sources)',
  },
  {
    slug: 'be4you2',
    name: 'Be4You2',
    kind: 'peerSupport',
    texts: {
      nl: {
        description:
          'Een lotgenotenorganisatie: mensen met dezelfde ervaringen komen met elkaar in contact.',
        forWhom: 'Voor mensen die als kind geweld in de jeugdzorg hebben meegemaakt.',
      },
      en: {
        description:
          'A peer-support organisation: people with the same experiences get in touch with each other.',
        forWhom: 'For people who suffered violence in youth care as a child.',
      },
    },
    languages: ['nl'],
    needs: ['peerContact'],
    contacts: [],
    source: 'DOMAIN.md: Help and peer support (peer-support organisations found in public sources)',
  },
  {
    slug: 'platform-misstanden-psychiatrie',
    name: 'Platform Misstanden Psychiatrie',
    kind: 'peerSupport',
    texts: {
      nl: {
        description:
          'Een lotgenotenorganisatie voor mensen die misstanden in de psychiatrie hebben meegemaakt.',
        forWhom: 'Voor wie als kind in de jeugd-ggz of een psychiatrisch ziekenhuis was opgenomen.',
      },
      en: {
        description:
          'A peer-support organisation for people who experienced abuses in psychiatry.',
        forWhom: 'For people who, as children, were admitted to youth mental health care or a psychiatric hospital.',
      },
    },
    settings: ['youthMentalHealthCare', 'psychiatricHospital'],
    languages: ['nl'],
    needs: ['peerContact'],
    contacts: [],
    source: 'DOMAIN.md: Help and peer support (peer-support organisations found in public sources)',
  },
  {
    slug: 'nationaal-monument-geweld-jeugdhulp',
    name: 'Stichting Nationaal Monument Geweld Jeugdhulp',
    kind: 'remembrance',
    texts: {
      nl: {
        description:
          'Deze stichting heeft een glazen monument om te herdenken. De voet van het monument is een brievenbus voor verhalen: je kunt er je eigen verhaal in achterlaten.',
        forWhom: 'Voor iedereen die wil herdenken, of een verhaal wil achterlaten.',
      },
      en: {
        description:
          'This foundation has a glass monument for remembrance. The base of the monument is a letterbox for stories: you can leave your own story there.',
        forWhom: 'For anyone who wants to remember, or to leave a story.',
      },
    },
    languages: ['nl'],
    needs: [],
    contacts: [],
    source: 'DOMAIN.md: Help and peer support (Stichting Nationaal Monument Geweld Jeugdhulp)',
  },
]

/** The seeded entries, all checked against their sources on the same day and published. */
export const REFERRAL_SEED: DirectoryEntryInput[] = ENTRIES.map((entry) => ({ ...entry, lastCheckedAt: CHECKED, published: true }))

/**
 * Puts the directory's entries in place. Idempotent: an entry is matched by its slug and
 * updated, so running it again (or after the texts change) never duplicates anything.
 */
export async function seedReferrals(tx: DbOrTx) {
  for (const raw of REFERRAL_SEED) {
    const entry = DirectoryEntryInputSchema.parse(raw)
    const { slug: _slug, ...fields } = entry
    await tx
      .insert(directoryEntries)
      .values(entry)
      .onConflictDoUpdate({ target: directoryEntries.slug, set: { ...fields, updatedAt: sql`now()` } })
  }
  return { entries: REFERRAL_SEED.length }
}
