import { PROGRESS_KEY } from './public-progress'

/**
 * What the documentary's reading pages do with JavaScript, for pages that ship no Remix scripts
 * (app/seo/public-pages.ts, JavaScript budget): plain DOM code inlined with the CSP nonce, about
 * a kilobyte instead of React. Without it the pages are complete; it only helps:
 *
 * - on a chapter, the block in view is marked in the contents (`aria-current="location"`) and
 *   remembered in THIS browser only (localStorage, see public-progress.ts: nothing is sent to
 *   the server, so the pages stay the same for every reader and can be kept); a link back to
 *   the block last read appears; a printout holds the transcripts;
 * - on the list of chapters, "continue reading <chapter>" appears for a chapter still listed.
 *
 * The stored value is checked by the same rules as `parseProgress` (a test holds them together).
 * The elements it fills are rendered hidden by the pages (`data-doc-continue`, `data-doc-continue-list`).
 */
export const READING_SCRIPT = `(function(){
var d=document,KEY=${JSON.stringify(PROGRESS_KEY)},SLUG=/^[a-z0-9-]{1,80}$/,BLOCK=/^blok-[a-z0-9-]{1,64}$/;
function read(){try{var raw=localStorage.getItem(KEY);if(!raw||raw.length>1000)return null;var v=JSON.parse(raw);
if(!v||typeof v!=='object'||typeof v.chapter!=='string'||!SLUG.test(v.chapter))return null;
if(v.block!=null&&(typeof v.block!=='string'||!BLOCK.test(v.block)))return null;
if(typeof v.at!=='string'||isNaN(Date.parse(v.at)))return null;
return {chapter:v.chapter,block:typeof v.block==='string'?v.block:null}}catch(e){return null}}
function save(chapter,block){try{localStorage.setItem(KEY,JSON.stringify({chapter:chapter,block:block,at:new Date().toISOString()}))}catch(e){}}
function mark(id){var links=d.querySelectorAll('.doc-contents a');for(var i=0;i<links.length;i++){if(links[i].getAttribute('href')==='#'+id)links[i].setAttribute('aria-current','location');else links[i].removeAttribute('aria-current')}}
var saved=read();
var list=d.querySelector('[data-doc-continue-list]');
if(list&&saved){var card=d.querySelector('a[data-doc-slug="'+saved.chapter+'"]');var go=list.querySelector('a');
if(card&&go){go.href='/documentaire/'+saved.chapter+(saved.block?'#'+saved.block:'');go.textContent=list.getAttribute('data-template').replace('{title}',card.textContent);list.hidden=false}}
var page=d.querySelector('[data-doc-chapter]');
if(!page)return;
var chapter=page.getAttribute('data-doc-chapter');
if(!SLUG.test(chapter))return;
var here=d.querySelector('[data-doc-continue]');
if(here&&saved&&saved.chapter===chapter&&saved.block&&!location.hash&&d.getElementById(saved.block)){here.querySelector('a').href='#'+saved.block;here.hidden=false}
window.addEventListener('beforeprint',function(){var closed=d.querySelectorAll('.doc-block details:not([open])');for(var i=0;i<closed.length;i++){closed[i].open=true;closed[i].setAttribute('data-print-opened','')}});
window.addEventListener('afterprint',function(){var opened=d.querySelectorAll('details[data-print-opened]');for(var i=0;i<opened.length;i++){opened[i].open=false;opened[i].removeAttribute('data-print-opened')}});
var blocks=d.querySelectorAll('[data-doc-block]');
if(!blocks.length)return;
if(!saved||saved.chapter!==chapter)save(chapter,null);
if(typeof IntersectionObserver==='undefined')return;
var visible={};
var observer=new IntersectionObserver(function(entries){
for(var i=0;i<entries.length;i++){if(entries[i].isIntersecting)visible[entries[i].target.id]=1;else delete visible[entries[i].target.id]}
for(var j=0;j<blocks.length;j++){if(visible[blocks[j].id]){mark(blocks[j].id);save(chapter,blocks[j].id);break}}
},{rootMargin:'0px 0px -50% 0px'});
for(var k=0;k<blocks.length;k++)observer.observe(blocks[k]);
})()`
