import * as echarts from 'echarts';

/**
 * The dashboard's charts, drawn on the server by Apache ECharts (server-side rendering to
 * SVG: no DOM, no script in the browser). Why this way: the page then needs no charting
 * script at all — nothing fetched from a CDN, which a Teams client may not reach, and a
 * Content-Security-Policy that allows no script on the dashboard — and it renders the same
 * in Teams, a browser and headless Chromium. Each chart goes into the page as an image
 * (`data:` URI) with a text alternative, and every figure it draws is also in a table
 * beside it, so nothing is told by the picture alone. Each is drawn twice, for a phone
 * (narrow) and for a wider screen, so its words stay readable at 320 px.
 *
 * The colours are dark enough on white for 3:1 (WCAG 1.4.11, graphics) and each series
 * has its own marker shape and line pattern, so no series is told by colour alone.
 */

/** Series colours, each at least 4.5:1 on white. */
const COLOURS = ['#1f4e79', '#a4471a', '#2e6b30', '#6a1b9a', '#37474f', '#8a4b08'];
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow'];
const DASHES: ('solid' | 'dashed' | 'dotted')[] = ['solid', 'dashed', 'dotted', 'solid', 'dashed', 'dotted'];
const TEXT = '#1b1b1b';
const FONT = 'Segoe UI, system-ui, -apple-system, sans-serif';

/** A chart drawn for both widths. @example const c: ChartImages = { narrow: 'data:image/svg+xml;base64,…', wide: '…' }; */
export interface ChartImages {
  narrow: string;
  wide: string;
}

/** One line of a line chart: its name and a value (or none) per category. */
export interface Series {
  name: string;
  values: (number | null)[];
}

const SIZES = { narrow: { width: 340, height: 300, font: 13 }, wide: { width: 720, height: 320, font: 14 } } as const;

function render(option: (size: (typeof SIZES)['wide' | 'narrow']) => echarts.EChartsCoreOption): ChartImages {
  const draw = (size: (typeof SIZES)['wide' | 'narrow']) => {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
    try {
      chart.setOption({ animation: false, textStyle: { color: TEXT, fontFamily: FONT, fontSize: size.font }, ...option(size) });
      return `data:image/svg+xml;base64,${Buffer.from(chart.renderToSVGString()).toString('base64')}`;
    } finally {
      chart.dispose();
    }
  };
  return { narrow: draw(SIZES.narrow), wide: draw(SIZES.wide) };
}

const axisText = (size: { font: number }) => ({ color: TEXT, fontSize: size.font });

/**
 * Percentages over months, one line per series (a team, or all).
 *
 * @example
 * percentLines(['Oct 2026', 'Nov 2026'], [{ name: 'North CiC team', values: [80, 92.5] }]);
 */
export function percentLines(categories: string[], series: Series[]): ChartImages {
  return render((size) => ({
    color: COLOURS,
    legend: { top: 0, textStyle: axisText(size), itemWidth: 28 },
    grid: { left: 44, right: 16, top: size === SIZES.narrow ? 30 + 22 * Math.ceil(series.length / 2) : 48, bottom: 36 },
    xAxis: { type: 'category', data: categories, axisLabel: { ...axisText(size), interval: 0, rotate: size === SIZES.narrow ? 30 : 0 }, axisLine: { lineStyle: { color: TEXT } } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { ...axisText(size), formatter: '{value}%' }, splitLine: { lineStyle: { color: '#949494' } } },
    series: series.map((s, i) => ({
      name: s.name,
      type: 'line',
      data: s.values,
      connectNulls: false,
      symbol: SYMBOLS[i % SYMBOLS.length],
      symbolSize: 9,
      lineStyle: { width: 3, type: DASHES[i % DASHES.length] },
    })),
  }));
}

/**
 * One bar per category, labelled with its value (a count, or a percentage with `percent`).
 *
 * @example
 * bars(['momo.2.1', 'momo.4.4'], [92.5, 50], { percent: true, horizontal: true });
 */
export function bars(categories: string[], values: number[], options: { percent: boolean; horizontal: boolean }): ChartImages {
  return render((size) => {
    const valueAxis = { type: 'value', min: 0, ...(options.percent ? { max: 100 } : { minInterval: 1 }), axisLabel: { ...axisText(size), formatter: options.percent ? '{value}%' : '{value}' }, splitLine: { lineStyle: { color: '#949494' } } };
    const categoryAxis = { type: 'category', data: categories, axisLabel: { ...axisText(size), interval: 0, ...(options.horizontal ? { width: size === SIZES.narrow ? 90 : 200, overflow: 'truncate' } : {}) }, axisLine: { lineStyle: { color: TEXT } }, inverse: options.horizontal };
    return {
      grid: { left: options.horizontal ? (size === SIZES.narrow ? 100 : 210) : 44, right: options.horizontal ? 56 : 24, top: 24, bottom: 32 },
      xAxis: options.horizontal ? valueAxis : categoryAxis,
      yAxis: options.horizontal ? categoryAxis : valueAxis,
      series: [
        {
          type: 'bar',
          data: values,
          itemStyle: { color: COLOURS[0] },
          barMaxWidth: 36,
          label: { show: true, position: options.horizontal ? 'right' : 'top', color: TEXT, fontSize: size.font, formatter: options.percent ? '{c}%' : '{c}' },
        },
      ],
    };
  });
}
