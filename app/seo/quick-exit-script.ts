/**
 * What the quick exit does with JavaScript (components/layout/quick-exit.tsx), for pages that
 * ship no Remix scripts (public-pages.ts): the "Snel weg" link replaces the page instead of
 * adding a history entry, Escape pressed twice within a second leaves too, and both (and
 * signing out) forget the copies of typed text this tab keeps. Plain DOM code, inlined with
 * the CSP nonce; a few hundred bytes instead of React.
 */
export const QUICK_EXIT_SCRIPT = `(function(){
var d=document,last=0;
function clear(){try{sessionStorage.clear()}catch(e){}}
function leave(url){clear();d.documentElement.style.visibility='hidden';d.title='';location.replace(url)}
function link(){return d.querySelector('a.quick-exit')}
d.addEventListener('click',function(e){var a=e.target.closest&&e.target.closest('a.quick-exit');if(a){e.preventDefault();leave(a.href)}});
d.addEventListener('keydown',function(e){if(e.key!=='Escape')return;var now=Date.now(),a=link();if(a&&now-last<1000)leave(a.href);last=now});
d.addEventListener('submit',function(e){var f=e.target;if(f&&f.getAttribute('action')==='/uitloggen')clear()});
})()`
