/** @type {import('tailwindcss').Config} */
export default {
  content: ['./index.html', './src/**/*.{ts,tsx}'],
  theme: {
    extend: {
      fontFamily: {
        sans: ['"Inter Variable"', 'Inter', 'system-ui', '-apple-system', '"Segoe UI"', 'Roboto', 'sans-serif'],
        mono: ['ui-monospace', 'SFMono-Regular', '"DejaVu Sans Mono"', 'monospace'],
      },
      colors: {
        forest: {
          50: '#f1f7f3',
          100: '#ddede3',
          200: '#bddbc9',
          300: '#91c1a7',
          400: '#63a181',
          500: '#428465',
          600: '#306a50',
          700: '#275542',
          800: '#214537',
          900: '#1c392e',
          950: '#0e201a',
        },
        sand: {
          50: '#fbf9f3',
          100: '#f6f0e2',
          200: '#ece0c4',
          300: '#e0cb9d',
          400: '#d2b074',
          500: '#c79957',
          600: '#b9824b',
          700: '#9a673f',
          800: '#7d5439',
          900: '#664631',
        },
      },
      boxShadow: {
        card: '0 1px 2px rgba(28, 57, 46, 0.06), 0 1px 3px rgba(28, 57, 46, 0.08)',
        pop: '0 10px 30px -10px rgba(14, 32, 26, 0.35)',
      },
      keyframes: {
        'toast-in': {
          from: { opacity: '0', transform: 'translateY(8px) scale(0.98)' },
          to: { opacity: '1', transform: 'translateY(0) scale(1)' },
        },
        pulse_dot: {
          '0%, 100%': { opacity: '1' },
          '50%': { opacity: '0.35' },
        },
      },
      animation: {
        'toast-in': 'toast-in 180ms ease-out',
        'pulse-dot': 'pulse_dot 2s ease-in-out infinite',
      },
    },
  },
  plugins: [],
}
