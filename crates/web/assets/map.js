// Deterrence Lab explorer: the world map of states by nuclear status, loaded only when the map
// is opened (with the vendored d3-array, d3-geo, topojson-client and Natural Earth geometry).
// app.js loads this file; it uses app.js's helpers (el, fmt, table).
'use strict';

// Status classes, colour-blind-safe (Okabe–Ito purple, orange and sky blue, greys).
const MAP_CLASSES = [
  ['none', 'none (no weapons, no programme)', '#d9d9d9'],
  ['exploring', 'exploring', '#56b4e9'],
  ['pursuing', 'pursuing', '#e69f00'],
  ['armed', 'armed', '#6a3d9a'],
];
const NOT_MODELLED = '#ffffff';

let mapTopology = null;

async function mapGeometry() {
  if (!mapTopology) {
    const resp = await fetch('/assets/vendor/countries-110m.json');
    if (!resp.ok) throw new Error('the map geometry did not load');
    mapTopology = await resp.json();
  }
  return mapTopology;
}

// Shares of runs in each class for state `s` in year index `y`, and the modal class (ties go to
// the further step: armed over pursuing over exploring over none).
function mapShares(s, y, runs) {
  const armed = s.armed[y] / runs, pursuing = s.pursuing[y] / runs, exploring = s.exploring[y] / runs;
  const shares = [1 - armed - pursuing - exploring, exploring, pursuing, armed];
  let modal = 0;
  for (let i = 1; i < 4; i++) if (shares[i] >= shares[modal]) modal = i;
  return { shares, modal };
}

const pct = (v) => `${Math.round(v * 100)} %`;

// Draws the map of `res` into `box`: legend, year slider, the map and the table of the year.
// The slider starts at `year` (the last year when `year` is not one of the result's) and calls
// `onYear(year)` when the reader settles on a year.
async function renderMap(box, res, year, onYear) {
  const topo = await mapGeometry();
  box.innerHTML = '';
  const runs = res.request.runs;
  const years = res.years;
  const first = years[0], last = years[years.length - 1];
  const byNumeric = new Map(res.states.filter((s) => s.numeric != null).map((s) => [String(s.numeric).padStart(3, '0'), s]));
  box.appendChild(el('p', { class: 'note', text: `Colour: each state's most common status over the ${runs} runs at the end of the chosen year; the table below (and each state's tooltip) gives the shares. States outside the scenario are white.` }));
  box.appendChild(el('ul', { class: 'legend', 'aria-label': 'Map legend' }, [
    ...MAP_CLASSES.map(([, label, colour]) => el('li', {}, [el('span', { class: 'swatch', style: `background:${colour}` }), label])),
    el('li', {}, [el('span', { class: 'swatch', style: `background:${NOT_MODELLED}` }), 'not in the scenario']),
  ]));
  const start = years.includes(year) ? year : last;
  const out = el('output', { id: 'map_year_out', for: 'map_year', text: String(start) });
  const slider = el('input', { id: 'map_year', type: 'range', min: first, max: last, step: 1, value: start, 'aria-valuetext': String(start) });
  box.appendChild(el('label', { for: 'map_year', class: 'year' }, ['Year ', out]));
  box.appendChild(slider);
  const features = topojson.feature(topo, topo.objects.countries).features;
  const W = 960, H = 470;
  const projection = d3.geoEqualEarth().fitExtent([[4, 4], [W - 4, H - 4]], { type: 'Sphere' });
  const path = d3.geoPath(projection);
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('class', 'worldmap');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', 'map_title');
  const title = document.createElementNS(NS, 'title');
  title.id = 'map_title';
  svg.appendChild(title);
  const sphere = document.createElementNS(NS, 'path');
  sphere.setAttribute('d', path({ type: 'Sphere' }));
  sphere.setAttribute('fill', '#f2f6fa');
  sphere.setAttribute('stroke', '#9aa');
  svg.appendChild(sphere);
  const shapes = [];
  for (const f of features) {
    const p = document.createElementNS(NS, 'path');
    p.setAttribute('d', path(f));
    p.setAttribute('stroke', '#777');
    p.setAttribute('stroke-width', '0.4');
    const s = f.id != null ? byNumeric.get(String(f.id)) : undefined;
    const tip = document.createElementNS(NS, 'title');
    p.appendChild(tip);
    if (s) p.dataset.iso3 = s.iso3;
    svg.appendChild(p);
    shapes.push([p, tip, s, f.properties && f.properties.name]);
  }
  box.appendChild(el('div', { class: 'mapbox' }, [svg]));
  const tableBox = el('div', { id: 'map_table_box' });
  box.appendChild(tableBox);
  const missing = res.states.filter((s) => s.numeric == null || !features.some((f) => String(f.id) === String(s.numeric).padStart(3, '0')));
  if (missing.length) {
    box.appendChild(el('p', { class: 'note', text: `Not drawn (no shape on today's map): ${missing.map((s) => s.name).join(', ')}; they are in the table.` }));
  }
  const draw = () => {
    const year = Number(slider.value);
    const y = years.indexOf(year);
    out.textContent = String(year);
    slider.setAttribute('aria-valuetext', String(year));
    title.textContent = `World map: nuclear status of the scenario's states at the end of ${year}, most common over ${runs} runs`;
    for (const [p, tip, s, name] of shapes) {
      if (!s) {
        p.setAttribute('fill', NOT_MODELLED);
        tip.textContent = `${name || 'unnamed'}: not in the scenario`;
        continue;
      }
      const { shares, modal } = mapShares(s, y, runs);
      p.setAttribute('fill', MAP_CLASSES[modal][2]);
      p.dataset.status = MAP_CLASSES[modal][0];
      tip.textContent = `${s.name} (${year}): armed ${pct(shares[3])}, pursuing ${pct(shares[2])}, exploring ${pct(shares[1])} of ${runs} runs`;
    }
    tableBox.innerHTML = '';
    const stem = `deterrence-${res.request.scenario}-seed${res.request.seed}`;
    tableBox.appendChild(table(['state', 'most common status', 'armed', 'pursuing', 'exploring', 'neither'],
      res.states.map((s) => {
        const { shares, modal } = mapShares(s, y, runs);
        return [s.name, { text: MAP_CLASSES[modal][0], raw: MAP_CLASSES[modal][0] },
          { text: pct(shares[3]), raw: shares[3] }, { text: pct(shares[2]), raw: shares[2] },
          { text: pct(shares[1]), raw: shares[1] }, { text: pct(shares[0]), raw: shares[0] }];
      }), 'map_table', `Nuclear status at the end of ${year}: share of the ${runs} runs in each status (the map's data as text).`, `${stem}-${year}`));
  };
  slider.addEventListener('input', draw);
  slider.addEventListener('change', () => onYear(Number(slider.value)));
  draw();
}
