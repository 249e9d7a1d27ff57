/**
 * The workflow's state diagram as a small SVG, laid out by diagram.ts from the declared table: the lifecycle
 * left to right, the other ends below, a reopening and a closing that skips a state as arcs above; the case's
 * state filled in its colour, the states and steps it has been through drawn in the primary colour. Below it,
 * the steps that keep the state, with the states they may be taken in.
 */
import { useMemo } from 'react';
import { Box, Typography, useTheme } from '@mui/material';
import { useTranslate } from 'react-admin';
import { enumColours, type EnumColour } from '../../../schema/shared/define-enum';
import { SuggestionStatus, SuggestionStep } from '../../../schema/shared/enums';
import { useLanguage } from '../fields/useLanguage';
import type { Language } from '../metadata/types';
import { workflowDiagram, type DiagramEdge } from './diagram';

const column = 172;
const nodeWidth = 100;
const nodeHeight = 34;
const pad = 8;
/** Room above the row for the arcs and their labels. */
const rowTop = 58;
const branchTop = rowTop + nodeHeight + 54;
const fontSize = 11;

const left = (col: number) => pad + col * column;
const centre = (col: number) => left(col) + nodeWidth / 2;
const top = (row: 0 | 1) => (row === 0 ? rowTop : branchTop);

/** About how wide a label is drawn: an ideograph a full em, a Latin letter a little over half. */
const textWidth = (text: string) => [...text].reduce((sum, char) => sum + (/[\u3000-\u9fff\uff00-\uffef]/.test(char) ? fontSize : fontSize * 0.58), 0);

/** A label broken at its spaces into lines that fit `width` (Chinese labels are short enough as they are). */
function lines(text: string, width: number): string[] {
  const words = text.split(' ');
  return words.reduce<string[]>((all, word) => {
    const last = all[all.length - 1];
    if (last !== undefined && textWidth(`${last} ${word}`) <= width) return [...all.slice(0, -1), `${last} ${word}`];
    return [...all, word];
  }, []);
}

const edgeLabel = (edge: DiagramEdge, language: Language) => (edge.step ? SuggestionStep.label(edge.step, language) : language === 'en' ? edge.transition.labelEn : edge.transition.labelZh);

type Props = { status: SuggestionStatus; visited: ReadonlySet<SuggestionStatus>; taken: ReadonlySet<string> };

export const StateDiagram = ({ status, visited, taken }: Props) => {
  const theme = useTheme();
  const language = useLanguage();
  const translate = useTranslate();
  const diagram = useMemo(() => workflowDiagram(), []);
  const at = (state: SuggestionStatus) => diagram.nodes.find((node) => node.state === state)!;
  const columns = Math.max(...diagram.nodes.map((node) => node.column)) + 1;
  const hasBranches = diagram.nodes.some((node) => node.row === 1);
  const width = pad * 2 + (columns - 1) * column + nodeWidth;
  const height = (hasBranches ? branchTop : rowTop) + nodeHeight + pad;
  const muted = theme.palette.text.disabled;
  const strong = theme.palette.primary.main;
  const colourOf = (state: SuggestionStatus) => {
    const colour = SuggestionStatus.options.find((option) => option.value === state)?.color;
    const name: EnumColour = colour && enumColours.includes(colour) ? colour : 'default';
    return name === 'default' ? { fill: theme.palette.grey[700], text: theme.palette.common.white } : { fill: theme.palette[name].main, text: theme.palette[name].contrastText };
  };

  const edgePath = (edge: DiagramEdge): { d: string; label: { x: number; y: number; anchor: 'middle' | 'end'; lines: string[] } } => {
    const from = at(edge.from);
    const to = at(edge.to);
    const text = edgeLabel(edge, language);
    const middle = rowTop + nodeHeight / 2;
    if (edge.kind === 'forward') {
      const gap = column - nodeWidth;
      return { d: `M ${left(from.column) + nodeWidth} ${middle} H ${left(to.column) - 2}`, label: { x: left(to.column) - gap / 2, y: middle - 5, anchor: 'middle', lines: lines(text, gap - 4) } };
    }
    if (edge.kind === 'branch') {
      const bus = rowTop + nodeHeight + (branchTop - rowTop - nodeHeight) / 2;
      const x = centre(to.column);
      return { d: `M ${centre(from.column)} ${rowTop + nodeHeight} V ${bus} H ${x} V ${branchTop - 2}`, label: { x: x - 6, y: bus - 4, anchor: 'end', lines: [text] } };
    }
    // Arcs above the row: back to an earlier state, or past the next one; higher the further they reach.
    const span = Math.abs(to.column - from.column);
    const rise = 18 + 14 * span;
    const direction = Math.sign(to.column - from.column);
    const x1 = centre(from.column) + direction * 12;
    const x2 = centre(to.column) - direction * 12;
    const apex = rowTop - rise;
    return { d: `M ${x1} ${rowTop} C ${x1} ${apex} ${x2} ${apex} ${x2} ${rowTop - 2}`, label: { x: (x1 + x2) / 2, y: rowTop - rise * 0.75 - 4, anchor: 'middle', lines: [text] } };
  };

  return (
    <Box sx={{ width: '100%', overflowX: 'auto' }}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: width, minWidth: width * 0.7, display: 'block' }}
        role="img"
        aria-label={translate('crc.workflow.diagram', { state: SuggestionStatus.label(status, language) })}
        data-testid="workflow-diagram"
      >
        <defs>
          {[
            ['muted', muted],
            ['strong', strong],
          ].map(([name, colour]) => (
            <marker key={name} id={`workflow-arrow-${name}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill={colour} />
            </marker>
          ))}
        </defs>
        {diagram.edges.map((edge) => {
          const { d, label } = edgePath(edge);
          const wasTaken = taken.has(`${edge.from}>${edge.to}`);
          const colour = wasTaken ? strong : muted;
          return (
            <g key={`${edge.from}>${edge.to}`} data-edge={`${edge.from}>${edge.to}`} data-taken={wasTaken || undefined}>
              <path d={d} fill="none" stroke={colour} strokeWidth={wasTaken ? 2 : 1.2} markerEnd={`url(#workflow-arrow-${wasTaken ? 'strong' : 'muted'})`} />
              <text x={label.x} y={label.y} textAnchor={label.anchor} fontSize={fontSize} fill={wasTaken ? strong : theme.palette.text.secondary}>
                {label.lines.map((line, index) => (
                  <tspan key={line} x={label.x} dy={index === 0 ? -(label.lines.length - 1) * (fontSize + 1) : fontSize + 1}>
                    {line}
                  </tspan>
                ))}
              </text>
            </g>
          );
        })}
        {diagram.nodes.map((node) => {
          const current = node.state === status;
          const been = visited.has(node.state);
          const { fill, text } = colourOf(node.state);
          return (
            <g key={node.state} data-state={node.state} data-current={current || undefined} data-visited={been || undefined}>
              <rect
                x={left(node.column)}
                y={top(node.row)}
                width={nodeWidth}
                height={nodeHeight}
                rx={6}
                fill={current ? fill : theme.palette.background.paper}
                stroke={current ? fill : been ? strong : theme.palette.divider}
                strokeWidth={current ? 2 : been ? 1.5 : 1}
              />
              <text
                x={centre(node.column)}
                y={top(node.row) + nodeHeight / 2}
                dominantBaseline="central"
                textAnchor="middle"
                fontSize={12.5}
                fontWeight={current ? 700 : 400}
                fill={current ? text : been ? strong : theme.palette.text.secondary}
              >
                {SuggestionStatus.label(node.state, language)}
              </text>
            </g>
          );
        })}
      </svg>
      {diagram.keepingState.length > 0 && <KeepingState />}
    </Box>
  );
};

/** The steps that leave the state as it is, grouped by the states they may be taken in. */
const KeepingState = () => {
  const language = useLanguage();
  const translate = useTranslate();
  const groups = useMemo(() => {
    const byStates = new Map<string, string[]>();
    for (const transition of workflowDiagram().keepingState) {
      const states = transition.from.map((state) => SuggestionStatus.label(state, language)).join(language === 'en' ? ', ' : '、');
      byStates.set(states, [...(byStates.get(states) ?? []), language === 'en' ? transition.labelEn : transition.labelZh]);
    }
    return [...byStates];
  }, [language]);
  return (
    <Box sx={{ mt: 0.5 }} data-testid="workflow-keeping-state">
      {groups.map(([states, steps]) => (
        <Typography key={states} variant="caption" component="p" color="text.secondary">
          {translate('crc.workflow.keepingState', { states, steps: steps.join(language === 'en' ? ', ' : '、') })}
        </Typography>
      ))}
    </Box>
  );
};
