import { createStore, useStore as useZustand } from 'zustand';
import { createCameraSlice, type CameraSlice } from './camera-slice';
import { createChoiceSlice, type ChoiceSlice } from './choice-slice';
import { createCompareSlice, type CompareSlice } from './compare-slice';
import { createDescribeSlice, type DescribeSlice } from './describe/describe-slice';
import { createExploreSlice, type ExploreSlice } from './explore-slice';
import { createImagesSlice, type ImagesSlice } from './images-slice';
import { createLabelsSlice, type LabelsSlice } from './labels-slice';
import { createModelSlice, type ModelSlice } from './model-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createViewSlice, type ViewSlice } from './view-slice';

export type AppState = ModelSlice &
  LabelsSlice &
  ImagesSlice &
  ViewSlice &
  SettingsSlice &
  ExploreSlice &
  CameraSlice &
  CompareSlice &
  ChoiceSlice &
  DescribeSlice;

export function createAppStore() {
  return createStore<AppState>()((...a) => ({
    ...createModelSlice(...a),
    ...createLabelsSlice(...a),
    ...createImagesSlice(...a),
    ...createViewSlice(...a),
    ...createSettingsSlice(...a),
    ...createExploreSlice(...a),
    ...createCameraSlice(...a),
    ...createCompareSlice(...a),
    ...createChoiceSlice(...a),
    ...createDescribeSlice(...a),
  }));
}

export const appStore = createAppStore();

export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useZustand(appStore, selector);
}
