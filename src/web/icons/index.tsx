/**
 * Schakel's own icon set. The component library imports its icons from the city of Amsterdam's
 * icon package, which is that city's proprietary brand; vite.config.ts points that import here, so
 * these drawings ship instead. Export names match what the library imports.
 */
import type { SVGProps } from 'react';

type IconProps = SVGProps<SVGSVGElement>;

function Svg({ children, ...props }: IconProps) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg" {...props}>
      {children}
    </svg>
  );
}

const line = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2.25,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

export const ChevronDownIcon = (props: IconProps) => (
  <Svg {...props}>
    <polyline points="5,9 12,16 19,9" {...line} />
  </Svg>
);

export const ChevronBackwardIcon = (props: IconProps) => (
  <Svg data-directional="true" {...props}>
    <polyline points="15,5 8,12 15,19" {...line} />
  </Svg>
);

export const ChevronForwardIcon = (props: IconProps) => (
  <Svg data-directional="true" {...props}>
    <polyline points="9,5 16,12 9,19" {...line} />
  </Svg>
);

export const ChevronDoubleBackwardIcon = (props: IconProps) => (
  <Svg data-directional="true" {...props}>
    <polyline points="12,5 5,12 12,19" {...line} />
    <polyline points="19,5 12,12 19,19" {...line} />
  </Svg>
);

export const ChevronDoubleForwardIcon = (props: IconProps) => (
  <Svg data-directional="true" {...props}>
    <polyline points="5,5 12,12 5,19" {...line} />
    <polyline points="12,5 19,12 12,19" {...line} />
  </Svg>
);

export const ArrowForwardIcon = (props: IconProps) => (
  <Svg data-directional="true" {...props}>
    <line x1="4" y1="12" x2="19" y2="12" {...line} />
    <polyline points="13,6 19,12 13,18" {...line} />
  </Svg>
);

export const CloseIcon = (props: IconProps) => (
  <Svg {...props}>
    <line x1="6" y1="6" x2="18" y2="18" {...line} />
    <line x1="18" y1="6" x2="6" y2="18" {...line} />
  </Svg>
);

const CIRCLE = 'M12 1.5a10.5 10.5 0 1 0 0 21a10.5 10.5 0 1 0 0-21z';

export const InfoFillIcon = (props: IconProps) => (
  <Svg {...props}>
    <path fillRule="evenodd" d={`${CIRCLE} M10.75 10h2.5v7.5h-2.5z M10.75 5.75h2.5v2.5h-2.5z`} />
  </Svg>
);

export const ErrorFillIcon = (props: IconProps) => (
  <Svg {...props}>
    <path fillRule="evenodd" d={`${CIRCLE} M10.75 5.5h2.5v8.5h-2.5z M10.75 15.75h2.5v2.5h-2.5z`} />
  </Svg>
);

export const WarningFillIcon = (props: IconProps) => (
  <Svg {...props}>
    <path fillRule="evenodd" d="M12 1.5 23 21.5H1z M10.85 8.5h2.3v7h-2.3z M10.85 17h2.3v2.3h-2.3z" />
  </Svg>
);

export const SuccessFillIcon = (props: IconProps) => (
  <Svg {...props}>
    <path fillRule="evenodd" d={`${CIRCLE} M6.4 12.4 8.1 10.7 10.6 13.2 16 7.8 17.7 9.5 10.6 16.6z`} />
  </Svg>
);

export const WarningIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M12 3 22 20.5H2z" {...line} />
    <line x1="12" y1="9.5" x2="12" y2="14" {...line} />
    <line x1="12" y1="17" x2="12" y2="17.2" {...line} />
  </Svg>
);

export const PersonFillIcon = (props: IconProps) => (
  <Svg {...props}>
    <circle cx="12" cy="7.5" r="4.5" />
    <path d="M3.5 22c0-4.7 3.8-8.5 8.5-8.5s8.5 3.8 8.5 8.5z" />
  </Svg>
);

export const DocumentIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M6 2.5h8l4 4v15H6z" {...line} />
    <line x1="9" y1="12" x2="15" y2="12" {...line} />
    <line x1="9" y1="16" x2="15" y2="16" {...line} />
  </Svg>
);

export const SearchIcon = (props: IconProps) => (
  <Svg {...props}>
    <circle cx="10.5" cy="10.5" r="6.5" {...line} />
    <line x1="15.5" y1="15.5" x2="21" y2="21" {...line} />
  </Svg>
);
