/**
 * The menu icon an entity's metadata names (a Material icon such as `HowToReg`), loaded on demand:
 * each icon is its own small chunk, so the shell never bundles the whole icon set.
 */
import { useEffect, useState, type ComponentType } from 'react';
import type { SvgIconProps } from '@mui/material';
import DefaultIcon from '@mui/icons-material/ViewList';

type IconModule = { default: ComponentType<SvgIconProps> };

const loaders = import.meta.glob<IconModule>([
  '../../../node_modules/@mui/icons-material/*.mjs',
  '!../../../node_modules/@mui/icons-material/*{Outlined,Rounded,Sharp,TwoTone}.mjs',
  '!../../../node_modules/@mui/icons-material/index.mjs',
]);

const loaderByName = new Map(Object.entries(loaders).map(([path, load]) => [path.slice(path.lastIndexOf('/') + 1, -'.mjs'.length), load]));
const loaded = new Map<string, ComponentType<SvgIconProps>>();

/** An icon component for a metadata icon name; the default list icon until (or unless) it loads. */
export function iconComponent(name: string): ComponentType<SvgIconProps> {
  const EntityIcon = (props: SvgIconProps) => {
    const [Icon, setIcon] = useState<ComponentType<SvgIconProps> | undefined>(() => loaded.get(name));
    useEffect(() => {
      if (Icon) return;
      let live = true;
      loaderByName
        .get(name)?.()
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
