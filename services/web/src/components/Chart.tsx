import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

// Chart.js draws on a canvas (no inline styles, so the CSP holds); only the pieces in use are
// registered. A canvas says nothing to a screen reader: every chart carries a label and
// its figures as a table beside it.

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);
Chart.defaults.animation = false;
Chart.defaults.font.family = 'system-ui, sans-serif';
Chart.defaults.color = '#1f2933';

export const PALETTE = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c', '#0e7490'];

export function ChartView({ config, label, table }: { config: ChartConfiguration; label: string; table: ComponentChildren }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, { ...config, options: { responsive: true, maintainAspectRatio: false, ...config.options } });
    return () => chart.destroy();
  }, [JSON.stringify(config.data), config.type]);
  return (
    <figure class="chart">
      <div class="chart-canvas"><canvas ref={canvas} role="img" aria-label={label} /></div>
      <figcaption>{label}</figcaption>
      <details>
        <summary>Figures as a table</summary>
        {table}
      </details>
    </figure>
  );
}
