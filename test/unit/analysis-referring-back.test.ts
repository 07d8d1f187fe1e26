import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { articleFrom, nameIndexOf } from './analysis-helpers.js';

function speakers(paragraphs: string[]): Array<string | null> {
  return analyze(articleFrom('Referring back', paragraphs)).quotes.map((q) => q.speaker);
}

describe('speakers referred back to by role, pronoun or long names', () => {
  it('give "the governor said" to the governor introduced earlier, though a later apposition describes him', () => {
    const found = speakers([
      'County members on Tuesday moved to impeach Governor Tobias Wekesa over the stalled clinics.',
      'But Governor Wekesa, a former banker in his second term, dismissed the motion as a witch-hunt.',
      '"I have nothing to hide and every shilling is accounted for," the governor said in a statement issued by his office.',
    ]);
    expect(found).toEqual(['Tobias Wekesa']);
  });

  it('resolve "she said" to the woman of two namesakes when the bare surname was linked to the man', () => {
    const found = speakers([
      'Margaret Okafor-Lind and her husband Robert Okafor-Lind run the ferry company together.',
      'Robert Okafor-Lind said the timetable would change in spring.',
      '"We will not cut the winter crossings," Okafor-Lind said.',
      'Asked about the fares, she said, "Prices stay where they are until the summer."',
    ]);
    expect(found[1]).toBe('Margaret Okafor-Lind');
  });

  it('give a partial quote to a body with a long Spanish name that said it in a statement', () => {
    const found = speakers([
      'Metro drivers walked out on Thursday over night pay.',
      'The Empresa de Transporte Masivo del Valle de Aburrá, which runs the trains, said in a statement that its offer was "the largest in ten years" and that it was "open to talks at any moment".',
    ]);
    expect(found).toEqual([
      'Empresa de Transporte Masivo del Valle de Aburrá',
      'Empresa de Transporte Masivo del Valle de Aburrá',
    ]);
  });
});

describe('names as the article gives them', () => {
  it('keep a first given name that only the larger name corpus knows ("Luz Marina ...")', () => {
    const people = nameIndexOf(
      articleFrom('Strike', [
        '"We did not want this," said the union\'s president, Luz Marina Cárdenas Ospina, on Monday.',
      ]),
    ).people;
    expect(people.map((p) => p.name)).toEqual(['Luz Marina Cárdenas Ospina']);
  });

  it("leave post-nominal letters (SC, KC, MP) off a person's name", () => {
    const people = nameIndexOf(
      articleFrom('Court', [
        'The defence, led by Michael Tranter SC, called the conduct "reckless but not dishonest".',
        'Local member Alison Greer MP said she would raise it in the House.',
      ]),
    ).people;
    expect(people.map((p) => p.name)).toEqual(['Michael Tranter', 'Alison Greer']);
  });
});

describe('bodies and speakers in international house styles', () => {
  it('know a one-word company by the apposition that says what it is, and give it "the company said"', () => {
    const found = speakers([
      'Brandholt-Vierling, the pump maker based in Kassel, will shut its plant in Gera next year.',
      'In a statement, the company said it would look for "fair solutions for every worker" first.',
    ]);
    expect(found).toEqual(['Brandholt-Vierling']);
  });

  it('name a municipality that speaks as "the City of ..."', () => {
    const found = speakers([
      'In a statement on Monday, the City of Ekurhuleni said 30 tankers were out and that "more will follow from Wednesday".',
    ]);
    expect(found).toEqual(['City of Ekurhuleni']);
  });

  it('give a partial quote inside "X said Y had asked ..." to X, not to X plus the clause', () => {
    const quotes = analyze(
      articleFrom('Plant', [
        'A spokesman for the Thuringian labour ministry said the regional government had asked for talks "without delay" and would review the grants.',
      ]),
    ).quotes;
    expect(quotes.map((q) => [q.speaker, q.role])).toEqual([['Thuringian labour ministry', 'spokesman']]);
  });

  it('give the second quote of "..., said A, while B, who ..., said:" to B', () => {
    const found = speakers([
      'Neighbours came with buckets. "Nobody called us," said Tane Whaanga, 22, while Anna Collins, who drove from Levin, said: "You just turn up for this."',
    ]);
    expect(found).toEqual(['Tane Whaanga', 'Anna Collins']);
  });

  it('leave honorifics of several traditions off names and roles (Atty., Mme, Gogo, Kaumātua, Engr.)', () => {
    const quotes = analyze(
      articleFrom('Titles', [
        'The family lawyer, Atty. Ramon Villaflor, spoke after the hearing. "We will appeal," he said.',
        '"The children need water," said Mme Lerato Dube, who runs a creche.',
        'Gogo Thandi Zulu, 80, lives on the hill. "I cannot carry it," she said.',
        'Kaumātua Wiremu Paki, 77, stood at the gate. "We rebuild," he said.',
        'Engr. Babatunde Okoro-Lawal, the state commissioner, said: "This is not demolition for its own sake."',
      ]),
    ).quotes;
    expect(quotes.map((q) => q.speaker)).toEqual([
      'Ramon Villaflor',
      'Lerato Dube',
      'Thandi Zulu',
      'Wiremu Paki',
      'Babatunde Okoro-Lawal',
    ]);
    expect(quotes.map((q) => q.role)).not.toContain('Atty.');
    expect(quotes[4]!.role).toBe('state commissioner');
  });

  it('keep the number of a numbered body and drop a bracketed short form', () => {
    const quotes = analyze(
      articleFrom('Verdict', [
        'The Makati Regional Trial Court Branch 61 convicted the driver on Friday.',
        '"The accused acted with evident premeditation," the court said in its 30-page decision.',
        '"Buyers should check every permit," a spokesperson for the Abu Dhabi Land Office (ADLO) said.',
      ]),
    ).quotes;
    expect(quotes.map((q) => q.speaker)).toEqual([
      'Makati Regional Trial Court Branch 61',
      'Abu Dhabi Land Office',
    ]);
  });
});

describe('portfolios and schools in other languages', () => {
  it('keep a long portfolio as the role, not as part of the name, and "Minister of Works" is no person', () => {
    const article = articleFrom('Ferry', [
      'Minister of Works, Transport and Infrastructure Tavita Leleua Sapolu said Cabinet would decide next week.',
      '"Doing nothing is the riskiest option," Sapolu said.',
    ]);
    expect(nameIndexOf(article).people.map((p) => p.name)).toEqual(['Tavita Leleua Sapolu']);
    const quotes = analyze(article).quotes;
    expect(quotes.map((q) => [q.speaker, q.role])).toEqual([
      ['Tavita Leleua Sapolu', 'Minister of Works, Transport and Infrastructure'],
    ]);
  });

  it('know an Irish school ("Scoil ...") as a body, not a person', () => {
    const index = nameIndexOf(
      articleFrom('Schools', ['Parents at Scoil Mhuire Gan Smál in Ballina said they were not consulted.']),
    );
    expect(index.people.map((p) => p.name).join(' ')).not.toMatch(/Scoil|Mhuire/);
    expect(index.organizations).toContain('Scoil Mhuire Gan Smál');
  });
});

describe('a speaker referred back to after someone else spoke', () => {
  it('give "she said" to the woman the paragraph just introduced, not to the woman who spoke in the one before', () => {
    const found = speakers([
      'Assistant prosecutor Rebecca Hallworth told the judge the scheme had "treated inspections as a line item."',
      'Tamika Brookfield lives on one of the affected blocks and came to every hearing. She said the road outside her house "started coming apart the first winter."',
    ]);
    expect(found).toEqual(['Rebecca Hallworth', 'Tamika Brookfield']);
  });

  it('give "the governor said" to the governor introduced as "Gov." before her name', () => {
    const found = speakers([
      'Leyte Gov. Lourdes Abuyen-Santos ordered the evacuation of riverside families in 12 towns.',
      '"Please, do not go home yet, even if the rain stops," the governor said in a radio broadcast on Monday.',
    ]);
    expect(found).toEqual(['Lourdes Abuyen-Santos']);
  });
});

describe('people introduced with a relative clause before "said"', () => {
  it('know "Mr Wilson Langat, who chairs ..., said" as a person though "Wilson" is in no name list', () => {
    const found = speakers([
      'Growers\' leader Mr Wilson Kibet Langat, who chairs the Songoliet Welfare Association, said members were "tired of promises".',
      '"Where has our money gone?" Mr Langat posed.',
    ]);
    expect(found).toEqual(['Wilson Kibet Langat', 'Wilson Kibet Langat']);
  });
});

describe('names and bodies from Middle Eastern, Irish, Indian and South African desks', () => {
  it('keep "al-" with the name, end a portfolio before the name, and find "the minister" again', () => {
    const quotes = analyze(
      articleFrom('Water', [
        "Iraq's Minister of Water Resources, Hassan al-Jubouri, said the committee would meet monthly.",
        '"That is the beginning of trust," the minister told a news conference.',
        'A statement from Iraq\'s Ministry of Foreign Affairs called the deal "a fair and reasonable allocation" of water.',
      ]),
    ).quotes;
    expect(quotes.map((q) => [q.speaker, q.role])).toEqual([
      ['Hassan al-Jubouri', "Iraq's Minister of Water Resources"],
      ["Iraq's Ministry of Foreign Affairs", null],
    ]);
  });

  it('never make a person of a bare title ("the Mayor said") and keep post-nominals from hiding "told"', () => {
    const index = nameIndexOf(
      articleFrom('Court', [
        'Mayor R. Priyadarshini chaired the review meeting on Monday.',
        '"Public money is not a gift to anyone," the Mayor said.',
        'Counsel for the family, Ciarán Mac Giolla SC, told the court the score "should have triggered the protocol".',
        'Provincial Human Settlements MEC Thandeka Nkosi told the legislature the plan was late.',
      ]),
    );
    const names = index.people.map((p) => p.name);
    expect(names).not.toContain('Mayor');
    expect(names).toContain('Ciarán Mac Giolla');
    expect(names).toContain('Thandeka Nkosi');
  });
});

describe('cultural bodies', () => {
  it('know a museum, a Kunsthalle or an orchestra as a body, not a person', () => {
    const index = nameIndexOf(
      articleFrom('Art', [
        'The works hang at the Kunsthalle Hamburg until June.',
        'After Hamburg, the exhibition travels to the Wien Museum in October.',
        'The Halle Philharmonic said it would play at the opening.',
      ]),
    );
    expect(index.people.map((p) => p.name)).toEqual([]);
    expect(index.organizations).toEqual(
      expect.arrayContaining(['Kunsthalle Hamburg', 'Wien Museum', 'Halle Philharmonic']),
    );
  });
});

describe('court reports', () => {
  it('give a letter read to the court, quoted in the paragraphs after, to the body it came from', () => {
    const found = speakers([
      'A letter of apology from Westport Regional Hospital, signed by its general manager, was read to the court.',
      '"On behalf of the hospital, I wish to apologise sincerely to you and your family.',
      '"Changes have been made to our triage process as a result."',
    ]);
    expect(found).toEqual(['Westport Regional Hospital', 'Westport Regional Hospital']);
  });

  it('give "counsel said" to the counsel named before, and "Ms X" to the woman of two namesakes', () => {
    const article = articleFrom('Court', [
      'Seán Brennan, a farmer, said he had been ill for a week.',
      'His mother, Aoife Brennan, said she had sued the hospital.',
      'Counsel for Ms Brennan, Ruairí Mac Giolla SC, told the court the score was high.',
    ]);
    const index = nameIndexOf(article);
    const at = article.text.indexOf('Brennan, Ruairí');
    const mention = index.mentions.find((m) => m.start === at);
    expect(mention && index.people[mention.person]?.name).toBe('Aoife Brennan');
    const found = speakers([
      'Counsel for the family, Ruairí Mac Giolla SC, told the court the early warning score was high. "The numbers were there on the chart," counsel said.',
    ]);
    expect(found).toEqual(['Ruairí Mac Giolla']);
  });
});

describe('one-word names and more honorifics', () => {
  it('know a one-word name in apposition to a role ("The village head, Sumarni, said") as a person', () => {
    const quotes = analyze(
      articleFrom('Fires', [
        'The village head, Sumarni, said the volunteers had two pumps. "We are told to prevent fires, but with what?" she said.',
      ]),
    ).quotes;
    expect(quotes.map((q) => [q.speaker, q.role])).toEqual([['Sumarni', 'village head']]);
  });

  it('leave "Mzee" and "MK" off names', () => {
    const people = nameIndexOf(
      articleFrom('Titles', [
        'Mzee Kamau Wanyoike, 81, said the family had buried their parents there.',
        'MK Eliyahu Rosental, who chairs the committee, said the bill would pass.',
      ]),
    ).people;
    expect(people.map((p) => p.name)).toEqual(['Kamau Wanyoike', 'Eliyahu Rosental']);
  });
});

describe('two speakers joined by "while"', () => {
  it('give each partial quote to its own speaker, the second named with where he works', () => {
    const found = speakers([
      'Harbour Capital analyst Mia Torres said the move was "brave but probably right", while Sam Oduor of Westgate Securities warned that "rivals will take every broker it leaves behind".',
    ]);
    expect(found).toEqual(['Mia Torres', 'Sam Oduor']);
  });
});
