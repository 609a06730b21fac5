document.documentElement.classList.add('js');
function applyFilters(){
  var on={};
  document.querySelectorAll('.filters input[data-type]').forEach(function(i){
    on[i.dataset.type]=i.checked;});
  var only=document.getElementById('only-flagged').checked;
  document.querySelectorAll('[data-type]').forEach(function(el){
    if(el.tagName==='INPUT')return;
    var t=el.dataset.type, show=on[t]!==false;
    if(el.tagName==='MARK'){el.classList.toggle('off',!show);
}else{el.classList.toggle('hidden',!show);}
  });
  document.querySelectorAll('tr[data-row]').forEach(function(tr){
    var types=(tr.dataset.types||'').split(' ').filter(Boolean);
    var hit=types.some(function(t){return on[t]!==false;});
    tr.classList.toggle('hidden',only&&!hit);
    var notes=document.getElementById('notes-'+tr.dataset.row);
    if(notes){notes.classList.toggle('hidden',(only&&!hit)||!hit);}
  });
}
document.addEventListener('change',function(e){if(e.target.closest('.filters'))applyFilters();
});
