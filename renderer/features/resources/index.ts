// The resource views' public entry: the dashboard's host tabs import only from here.
import './resources.css';
export { ImagesView } from './images-view';
export { VolumesView } from './volumes-view';
export { NetworksView } from './networks-view';
export { ComposeView } from './compose-view';
