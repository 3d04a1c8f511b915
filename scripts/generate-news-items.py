#!/usr/bin/env python3
"""Generates feeders/news/items.json: synthetic but realistic news items of varied topics and lengths.

Deterministic (fixed seed). Each item is a headline plus 3-10 sentences drawn from a topic's pool, with
names, places and figures filled in, so items differ in wording and length (roughly 60-260 tokens).
Run: python3 scripts/generate-news-items.py > feeders/news/items.json
"""
import json
import random

rng = random.Random(20261123)

CITIES = ["Lisbon", "Nairobi", "Osaka", "Toronto", "Lyon", "Krakow", "Monterrey", "Brisbane", "Accra", "Seville",
          "Gothenburg", "Pune", "Valparaiso", "Leeds", "Tampere", "Cebu", "Tbilisi", "Ghent", "Curitiba", "Halifax"]
COUNTRIES = ["Portugal", "Kenya", "Japan", "Canada", "France", "Poland", "Mexico", "Australia", "Ghana", "Spain",
             "Sweden", "India", "Chile", "Finland", "Georgia", "Belgium", "Brazil", "Norway", "Vietnam", "Morocco"]
PEOPLE = ["Ana Ribeiro", "Samuel Otieno", "Keiko Tanaka", "Marc Dubois", "Olga Nowak", "Diego Herrera", "Priya Nair",
          "Tomas Lindqvist", "Grace Mensah", "Lucia Fernandez", "Aarav Mehta", "Hanna Virtanen", "Nino Beridze",
          "Pieter Claes", "Mariana Souza", "Erik Solberg", "Linh Tran", "Youssef Amrani", "Claire Whitfield", "Jonas Weber"]
COMPANIES = ["Northwind Logistics", "Helix Semiconductors", "Bluefjord Energy", "Carrow Foods", "Veritas Bank",
             "Orbital Mesh", "Lumen Pharma", "Brightwater Retail", "Kestrel Motors", "Tidewell Insurance",
             "Quarry Labs", "Silverline Airways", "Arbor Telecom", "Meridian Steel", "Pinecrest Media"]
TEAMS = ["Riverside United", "Porto Atletico", "Nordic Wolves", "Harbour City FC", "Sunvale Rovers", "Eastgate Hawks",
         "Crescent Athletic", "Valley Titans"]
SPORTS = ["football", "basketball", "rugby", "volleyball", "handball", "ice hockey"]

def pick(xs):
    return rng.choice(xs)

def num(lo, hi):
    return rng.randint(lo, hi)

def pct():
    return f"{rng.uniform(0.3, 12.5):.1f} percent"

def fill(template):
    out = template
    while "{" in out:
        out = (out.replace("{city}", pick(CITIES), 1).replace("{country}", pick(COUNTRIES), 1)
                  .replace("{person}", pick(PEOPLE), 1).replace("{company}", pick(COMPANIES), 1)
                  .replace("{team}", pick(TEAMS), 1).replace("{sport}", pick(SPORTS), 1)
                  .replace("{n}", str(num(3, 95)), 1).replace("{big}", f"{num(2, 900)} million", 1)
                  .replace("{pct}", pct(), 1).replace("{year}", str(num(2027, 2035)), 1)
                  .replace("{day}", pick(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]), 1))
    return out

TOPICS = {
    "Politics": (
        ["Coalition talks in {country} stall over budget rules", "{person} wins party leadership vote in {city}",
         "Parliament in {country} passes electoral reform after all-night session", "Snap election called in {country} as government loses majority",
         "Opposition leader {person} demands inquiry into campaign funding"],
        ["Negotiators from the three largest parties met in {city} for a {n}th round of talks on {day}.",
         "The proposal would cap public borrowing at {pct} of national output, a demand of the junior partner.",
         "{person}, who has led the party's parliamentary group since {year}, said an agreement was 'weeks, not days' away.",
         "Turnout among members reached {pct}, the highest since the party was founded.",
         "Critics argue the reform redraws constituency boundaries in a way that favours urban districts.",
         "The vote passed by {n} votes after several amendments on postal ballots were withdrawn.",
         "Ministers will remain in a caretaker role until a new cabinet is sworn in.",
         "Polls published on {day} suggest no single party would win more than a third of the seats.",
         "The electoral commission said it would publish the final timetable within {n} days.",
         "A spokesperson for the president said the head of state would meet all party leaders before deciding."]),
    "Business": (
        ["{company} shares jump after quarterly profit beats forecasts", "{company} to cut {n}00 jobs as demand slows",
         "Central bank in {country} holds rates as inflation eases to {pct}", "{company} agrees {big} euro takeover of rival",
         "Retail sales in {country} fall for a third month"],
        ["Revenue rose {pct} to {big} euros in the three months to September, the company said on {day}.",
         "Chief executive {person} said higher prices had offset weaker volumes in the company's main markets.",
         "Analysts had expected a smaller gain, and the shares closed {pct} higher in {city}.",
         "The cuts will fall mainly on the company's distribution centres near {city}.",
         "Unions said they would ask for talks with management before the end of the month.",
         "Policymakers voted {n} to 2 to keep the benchmark rate unchanged, citing uncertainty over energy costs.",
         "The deal, which still needs approval from competition authorities, values the target at {big} euros including debt.",
         "Economists said households were cutting back on clothing and furniture while spending more on food.",
         "The company also raised its full-year guidance and announced a share buyback of {big} euros.",
         "Bond yields fell slightly after the decision, and the currency weakened against the dollar."]),
    "Technology": (
        ["{company} unveils chip it says halves AI inference costs", "Data breach at {company} exposes {big} customer records",
         "{company} launches satellite broadband service in {country}", "Regulators in {country} open inquiry into social media age checks",
         "Open-source language model from {city} lab tops coding benchmark"],
        ["The new processor is built on a 3-nanometre process and will ship to data centres from {year}.",
         "The company said attackers gained access through a compromised supplier account on {day}.",
         "Customers were advised to change passwords and watch for phishing messages that mention the incident.",
         "Early tests in {city} showed download speeds of {n}0 megabits per second in rural areas.",
         "Engineers said the model was trained on {big} lines of permissively licensed code.",
         "{person}, who leads the product team, said the device would cost less than its predecessor.",
         "The regulator can impose fines of up to {pct} of a company's global turnover.",
         "Security researchers said the flaw had been present in the software for more than {n} months.",
         "The firm plans to publish the model weights under an open licence by the end of the year.",
         "Rivals are expected to respond with price cuts before the holiday season."]),
    "Science": (
        ["Astronomers detect water vapour on distant exoplanet", "Ancient shipwreck found off the coast of {country}",
         "Physicists in {city} report new measurement of neutron lifetime", "Deep-sea expedition discovers {n} new species",
         "Fossil find in {country} pushes back origin of flowering plants"],
        ["The team used a space telescope to observe the planet as it passed in front of its star.",
         "Divers recovered amphorae and coins that date the wreck to the second century.",
         "The result, published in a peer-reviewed journal on {day}, narrows a long-standing discrepancy between two methods.",
         "Lead author {person} said the findings would need to be confirmed by independent groups.",
         "Samples were collected at depths of more than {n}00 metres using a remotely operated vehicle.",
         "The fossil was preserved in fine-grained sediment that kept the shape of its petals.",
         "The researchers estimate the object is about {n}0 million years older than previously thought.",
         "The expedition was funded by a consortium of universities from {country} and {country}.",
         "Further observations are planned for {year} with a more sensitive instrument.",
         "Museum curators in {city} said the collection would go on public display next spring."]),
    "Health": (
        ["Health agency approves new vaccine against respiratory virus", "Hospital waiting lists in {country} reach record high",
         "Measles cases rise in {city} as vaccination rates fall", "Trial shows drug slows memory decline in early dementia",
         "Study links short sleep to higher blood pressure in teenagers"],
        ["The approval covers adults over 60 and people with chronic lung disease.",
         "Figures released on {day} show {big} patients waiting for planned treatment.",
         "Public health officials urged parents to check that children had received both doses.",
         "In the trial of {n}00 patients, those on the drug declined {pct} more slowly than those on placebo.",
         "Doctors cautioned that side effects, including swelling in the brain, require regular scans.",
         "Dr {person} of the university hospital in {city} said the findings should change screening advice.",
         "The health minister promised {big} euros to reopen operating theatres closed during the winter.",
         "Researchers followed more than {n} thousand teenagers for five years.",
         "The agency said it would review the evidence again in {year}.",
         "Pharmacies expect the first doses to arrive within {n} weeks."]),
    "Environment": (
        ["Heatwave in {country} breaks temperature records for second year", "Coral bleaching spreads along reef off {country}",
         "{city} bans diesel cars from city centre from {year}", "River pollution in {country} linked to farm runoff",
         "Wind and solar overtake coal in {country}'s power mix"],
        ["Meteorologists recorded {n} consecutive days above 40 degrees in the south of the country.",
         "Scientists said warmer sea temperatures had turned large sections of the reef white.",
         "The city council voted to expand the low-emission zone despite objections from delivery firms.",
         "Tests found nitrate levels {pct} above the legal limit at several monitoring stations.",
         "Renewables supplied {pct} more electricity than a year earlier, according to the grid operator.",
         "Environmental groups led by {person} called for stricter limits on fertiliser use.",
         "Firefighters remained on alert as dry conditions raised the risk of wildfires near {city}.",
         "The government said it would publish a new climate adaptation plan on {day}.",
         "Fishermen reported fewer catches in the affected area over the past season.",
         "Officials said the measures would cut emissions by {n} thousand tonnes a year."]),
    "Sports": (
        ["{team} win derby with late goal", "{person} signs for {team} in record transfer",
         "{team} coach sacked after fifth straight defeat", "Doping ban for {sport} star upheld on appeal",
         "{city} chosen to host {year} world championships"],
        ["The winning goal came in the {n}th minute from a header at the far post.",
         "The fee is reported to be {big} euros, a record for the club.",
         "The club said in a statement on {day} that the decision had been taken 'with regret'.",
         "The court of arbitration rejected the athlete's argument that the substance came from contaminated food.",
         "{person} scored {n} points as the home side came back from a double-digit deficit.",
         "The victory lifts the team to third in the table, {n} points behind the leaders.",
         "Organisers expect more than {n}0 thousand visitors during the two weeks of competition.",
         "The new stadium in {city} will be completed in time for the opening ceremony.",
         "Supporters protested outside the ground before kick-off over ticket prices.",
         "The player will undergo a medical on {day} before signing a four-year contract."]),
    "Entertainment": (
        ["Film by {person} wins top prize at {city} festival", "Streaming series breaks viewing record in first week",
         "Band announces reunion tour with {n} dates", "Bestselling novel to be adapted for television",
         "Video game sequel delayed until {year}"],
        ["The jury praised the film's performances and its portrait of a family in crisis.",
         "The platform said viewers watched {big} hours of the series in its first seven days.",
         "Tickets for the shows in {city} sold out within minutes of going on sale on {day}.",
         "The author, {person}, will co-write the scripts for the eight-part series.",
         "The studio said the extra time was needed to 'deliver the experience players deserve'.",
         "Critics were divided, with some calling the ending rushed.",
         "The soundtrack entered the charts in {n} countries.",
         "Filming is due to begin in {country} next spring.",
         "The festival also honoured veteran actor {person} with a lifetime achievement award.",
         "Fans had campaigned online for years for the group to perform together again."]),
    "Crime and Justice": (
        ["Court in {city} jails {n} over fraud scheme", "Police arrest suspect after jewellery store robbery",
         "Supreme court in {country} rules on surveillance powers", "Trial opens over collapse of {city} apartment block",
         "Cybercrime gang dismantled in joint operation"],
        ["Prosecutors said the group sold fake investment products to more than {n}00 pensioners.",
         "The judge said the sentences reflected 'a deliberate and sustained deception'.",
         "Officers recovered stolen watches worth {big} euros from a car parked near {city}.",
         "The court ruled that police must obtain a warrant before accessing location data.",
         "Families of the victims gathered outside the courthouse as the trial opened on {day}.",
         "Investigator {person} said the network used encrypted phones to coordinate the attacks.",
         "Defence lawyers argued that the building's owner had followed inspectors' advice.",
         "Police in {country} and {country} carried out {n} raids on the same morning.",
         "The accused deny the charges and the trial is expected to last several months.",
         "An appeal is expected, according to lawyers for the defendants."]),
    "World": (
        ["Ceasefire agreed in border conflict after weeks of fighting", "Thousands flee floods in northern {country}",
         "Aid convoy reaches besieged town", "Refugee arrivals in {country} double compared with last year",
         "Earthquake of magnitude 6.{n} strikes off the coast of {country}"],
        ["Mediators said the truce would be monitored by observers from neutral countries.",
         "The United Nations estimates that {n}0 thousand people have been displaced.",
         "Trucks carrying food and medicine crossed the checkpoint on {day} after days of negotiations.",
         "Aid workers described shortages of clean water and fuel in the camps near {city}.",
         "Officials reported at least {n} deaths and said the number was likely to rise.",
         "{person}, who coordinates the relief effort, appealed for {big} dollars in emergency funding.",
         "Neighbouring governments have opened temporary shelters along the border.",
         "The tremor was felt in {city}, where buildings were evacuated as a precaution.",
         "Both sides accused each other of violating earlier agreements.",
         "A donor conference is planned for {year} to fund reconstruction."]),
    "Education": (
        ["Teachers in {country} strike over pay", "University in {city} scraps tuition fees for low-income students",
         "Exam results show gap between rural and urban schools", "Government plans to ban phones in classrooms",
         "Shortage of maths teachers worsens"],
        ["Schools in {city} stayed closed on {day} as teachers joined the national walkout.",
         "The university said the scheme would cover about {n}00 students from next autumn.",
         "Pass rates in rural areas were {pct} lower than in the cities.",
         "Education minister {person} said the ban would help pupils concentrate.",
         "Head teachers warned that classes were being taught by staff without subject training.",
         "The union is asking for a pay rise of {pct} to keep up with inflation.",
         "A study by researchers in {city} found that reading scores improved after the change.",
         "Parents' groups were divided on whether the policy could be enforced.",
         "The government said it would recruit {n} hundred teachers by {year}.",
         "Universities say rising costs for housing are keeping students away."]),
    "Travel and Transport": (
        ["{company} cancels flights as air traffic controllers strike", "High-speed rail line between {city} and {city} opens",
         "Airport in {city} to add third runway", "Tourist numbers in {country} return to pre-pandemic levels",
         "Ferry runs aground near {city}; passengers evacuated"],
        ["The airline said {n}0 flights would be cancelled on {day}, affecting {n} thousand passengers.",
         "The new line cuts the journey time to under two hours.",
         "The expansion, costing {big} euros, is expected to be completed by {year}.",
         "Hotels reported occupancy of {pct} above last summer's figures.",
         "All {n}00 passengers were brought ashore safely, the coastguard said.",
         "Transport minister {person} called the project 'the most important rail investment in a generation'.",
         "Residents near the airport have campaigned against the plan because of noise.",
         "Travellers were advised to check their booking before going to the airport.",
         "An investigation into the cause of the grounding has been opened.",
         "Tour operators said bookings from abroad were up {pct} on the year."]),
}

items = []
per_topic = 18  # 12 topics x 18 = 216 items
for topic, (headlines, sentences) in TOPICS.items():
    seen = set()
    while len([i for i in items if i["topic"] == topic]) < per_topic:
        headline = fill(pick(headlines))
        count = rng.choice([3, 5, 6, 7, 8, 9, 10, 10])
        body = " ".join(fill(s) for s in rng.sample(sentences, count))
        if body in seen:
            continue
        seen.add(body)
        items.append({"id": f"{topic[:4].lower()}-{len(seen):03d}", "topic": topic, "headline": headline, "body": body})

rng.shuffle(items)
print(json.dumps(items, indent=1, ensure_ascii=False))
