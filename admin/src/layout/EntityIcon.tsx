/**
 * The menu icon an entity's metadata names (a Material icon such as `HowToReg`), loaded on demand
 * (entityIcons.ts): each icon is its own small chunk, so the shell never bundles the icon set.
 */
import { useEffect, useState, type ComponentType } from 'react';
import type { SvgIconProps } from '@mui/material';
import DefaultIcon from '@mui/icons-material/ViewList';
import { entityIconLoaders } from './entityIcons';

const loaded = new Map<string, ComponentType<SvgIconProps>>();

/** An icon component for a metadata icon name; the default list icon until (or unless) it loads. */
export function iconComponent(name: string): ComponentType<SvgIconProps> {
  const EntityIcon = (props: SvgIconProps) => {
    const [Icon, setIcon] = useState<ComponentType<SvgIconProps> | undefined>(() => loaded.get(name));
    useEffect(() => {
      if (Icon) return;
      let live = true;
      entityIconLoaders[name]?.()
        .then((module) => {
          loaded.set(name, module.default);
          if (live) setIcon(() => module.default);
        })
        .catch(() => undefined);
      return () => {
        live = false;
      };
    }, [Icon]);
    const Shown = Icon ?? DefaultIcon;
    return <Shown {...props} />;
  };
  EntityIcon.displayName = `EntityIcon(${name})`;
  return EntityIcon;
}
