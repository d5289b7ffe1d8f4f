import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { boot, guardUnload } from './app/actions';
import './app/styles.css';

createRoot(document.getElementById('root')!).render(<App />);
void boot();
guardUnload();
