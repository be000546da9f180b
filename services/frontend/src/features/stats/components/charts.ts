import {
  ArcElement,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  RadialLinearScale,
  Tooltip,
} from 'chart.js'
import { prefersReducedMotion } from '@/lib/motion'

ChartJS.register(
  ArcElement,
  BarElement,
  CategoryScale,
  LinearScale,
  RadialLinearScale,
  LineElement,
  PointElement,
  Filler,
  Legend,
  Tooltip,
)
ChartJS.defaults.font.family = '"Inter Variable", Inter, system-ui, sans-serif'
ChartJS.defaults.font.size = 12
ChartJS.defaults.color = '#78716c'
ChartJS.defaults.borderColor = '#e7e5e4'
ChartJS.defaults.plugins.tooltip.backgroundColor = '#1c392e'
ChartJS.defaults.plugins.tooltip.padding = 10
ChartJS.defaults.plugins.tooltip.cornerRadius = 8
ChartJS.defaults.plugins.tooltip.titleFont = { weight: 600 }
// Bars and lines grow in over 250 ms, unless the person asked for less motion.
ChartJS.defaults.animation = prefersReducedMotion() ? false : { duration: 250 }

export const FOREST = '#306a50'
export const FOREST_LIGHT = 'rgba(48, 106, 80, 0.12)'
export const SAND = '#c79957'
