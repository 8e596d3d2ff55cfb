import * as a11yAddonAnnotations from '@storybook/addon-a11y/preview';
import { setProjectAnnotations } from '@storybook/react-vite';
import * as projectAnnotations from './preview';

// The stories run as tests in Chromium: play functions, plus the a11y addon failing on any axe violation.
setProjectAnnotations([a11yAddonAnnotations, projectAnnotations]);
