import { mount } from 'svelte';
import './app.css';
import App from './ui/App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('LRT Review: the page has no #app element to mount into.');

export default mount(App, { target });
