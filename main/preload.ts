import { contextBridge } from 'electron';

// One object on window.berth; the typed IPC contract fills it in with the desktop UI.
contextBridge.exposeInMainWorld('berth', Object.freeze({ version: 1 }));
