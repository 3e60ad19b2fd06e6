/// The style sheet and the small script every HTML report inlines: for reading on a screen of any width (the
/// wide table scrolls in its own box, the page never does), and for print (A4 landscape, page numbers, repeated
/// table headings, parcels as cards so that no column is cut).
enum ReportStyle {
    static let css = """
        :root{--ink:#1d2a22;--muted:#5b6b61;--line:#d5ddd8;--green:#2f7a4f;--soft:#f3f7f4}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--ink);margin:0;background:#fff}
        main{max-width:1200px;margin:0 auto;padding:24px 20px 48px}
        h1{font-size:28px;margin:0 0 4px}h2{font-size:20px;margin:36px 0 10px;border-bottom:2px solid var(--green);padding-bottom:4px}
        h3{font-size:16px;margin:18px 0 6px}
        code{font:12px ui-monospace,"DejaVu Sans Mono",monospace;color:var(--muted);overflow-wrap:anywhere}
        li,p{overflow-wrap:anywhere}
        .cover{border-left:6px solid var(--green);padding:8px 0 8px 16px;margin-bottom:16px}
        .cover p{margin:2px 0;color:var(--muted)}
        .claim{background:#fff6e6;border:1px solid #f0c987;padding:8px 12px;border-radius:4px}
        .figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px;margin:16px 0}
        .figure{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:10px 12px}
        .figure .v{font-size:22px;font-weight:600}.figure .k{color:var(--muted);font-size:13px}
        .figure .i{font-size:13px}
        .warnings li{color:#8a3b00}
        svg.map{width:100%;height:auto;display:block;border:1px solid var(--line);max-height:85vh}
        svg.map image{image-rendering:pixelated}
        svg.map .parcels{fill:none;stroke:#fff;filter:drop-shadow(0 0 1px #000)}
        svg.map .parcels path{vector-effect:non-scaling-stroke}
        svg.map .parcels path.sel{stroke:#ff3d7f;stroke-width:3}
        svg.map .labels text{fill:#111;stroke:#fff;paint-order:stroke;text-anchor:middle;dominant-baseline:middle;font-weight:600}
        svg.map .band text{fill:#222}
        svg.chart{width:100%;min-width:600px;height:auto;display:block;font-size:13px}.chartbox{overflow-x:auto;max-width:100%}svg.chart text{fill:#222}
        .charts{display:grid;grid-template-columns:minmax(0,1fr);gap:8px}
        .scroll{overflow-x:auto;max-width:100%;border:1px solid var(--line);max-height:80vh;overflow-y:auto}
        table{border-collapse:collapse;font-size:13px}
        th,td{padding:4px 8px;border-bottom:1px solid var(--line);white-space:nowrap}
        th{position:sticky;top:0;background:#e9f1ec;text-align:left;vertical-align:bottom;cursor:pointer;z-index:1}
        th .l{display:block;font-weight:600}th .u{color:var(--muted);font-weight:400}th code{display:block;font-size:11px}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        tbody tr{cursor:pointer}tbody tr:hover{background:#f1f8f3}
        tr.flag{background:#fff4d6}tr.failed{background:#fde0e0}
        tfoot td{font-weight:600;background:#f6f6f6;position:sticky;bottom:0}
        ul.plain{padding-left:18px}
        .cards,table.print{display:none}
        dialog{max-width:min(720px,94vw);border:1px solid var(--line);border-radius:8px;padding:16px}
        dialog svg.map{max-height:50vh}
        dialog dl{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:4px 16px}
        dl div{break-inside:avoid}dt{color:var(--muted);font-size:12px}dd{margin:0 0 4px;font-weight:600}
        footer{margin-top:40px;color:var(--muted);font-size:13px}
        @media (max-width:600px){main{padding:16px 12px}h1{font-size:22px}.figure .v{font-size:19px}}
        @page{size:A4 landscape;margin:14mm 12mm 16mm;@bottom-right{content:"Page " counter(page) " of " counter(pages);font:9pt sans-serif;color:#555}@bottom-left{content:"Verdant — estimates from remote sensing, not issued carbon credits";font:8pt sans-serif;color:#777}}
        @media print{
        body{font-size:10.5pt}main{max-width:none;padding:0}
        h2{break-after:avoid}.figure,.chart,svg.map,.card{break-inside:avoid}
        .scroll,.screen,dialog{display:none!important}
        .cards{display:grid;grid-template-columns:repeat(2,1fr);gap:6px}
        .card{border:1px solid var(--line);border-radius:4px;padding:4px 8px}
        .card h3{margin:0 0 4px;font-size:11pt}.card dl{display:grid;grid-template-columns:repeat(3,1fr);gap:0 10px;margin:0}
        .card dt{font-size:7.5pt}.card dd{font-size:9pt;margin:0 0 2px}
        table.key{display:table;font-size:9pt;margin-bottom:10px}table.key th{position:static}table.key thead{display:table-header-group}table.key tr{break-inside:avoid}
        svg.map{max-height:165mm;width:100%}.chartbox{overflow:visible}svg.chart{min-width:0}
        }
        """

    /// Sorting by a heading; a click on a row opens the parcel's card with its own map (the report's map, framed on
    /// the parcel).
    static let script = """
        (function(){
        var t=document.getElementById('parcels');if(!t)return;
        t.querySelectorAll('thead th').forEach(function(th,i){th.addEventListener('click',function(){
          var tb=t.tBodies[0],rs=Array.from(tb.rows),asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';
          rs.sort(function(a,b){var x=a.cells[i],y=b.cells[i],p=x.dataset.v,q=y.dataset.v;
            var r=(p!==undefined&&q!==undefined&&p!==''&&q!=='')?(parseFloat(p)-parseFloat(q)):x.textContent.localeCompare(y.textContent,undefined,{numeric:true});
            return asc?r:-r});rs.forEach(function(r){tb.appendChild(r)})})});
        var d=document.getElementById('detail'),map=document.getElementById('map');
        t.tBodies[0].addEventListener('click',function(ev){
          var tr=ev.target.closest('tr');if(!tr||!d)return;var i=tr.dataset.i;
          var heads=t.tHead.rows[0].cells,body=d.querySelector('.body');body.innerHTML='';
          var h=document.createElement('h3');h.textContent=tr.cells[0].textContent;body.appendChild(h);
          var p=map&&map.querySelector('path[data-i="'+i+'"]');
          if(p){var s=map.cloneNode(true);s.removeAttribute('id');var b=p.getBBox(),m=Math.max(b.width,b.height)*0.25+2;
            s.setAttribute('viewBox',(b.x-m)+' '+(b.y-m)+' '+(b.width+2*m)+' '+(b.height+2*m));
            var band=s.querySelector('.band');if(band)band.remove();
            var q=s.querySelector('path[data-i="'+i+'"]');if(q)q.setAttribute('class','sel');body.appendChild(s)}
          var dl=document.createElement('dl');
          for(var k=1;k<tr.cells.length;k++){if(!tr.cells[k].textContent)continue;
            var div=document.createElement('div'),dt=document.createElement('dt'),dd=document.createElement('dd');
            dt.textContent=heads[k].querySelector('.l').textContent;var u=heads[k].querySelector('.u');
            dd.textContent=tr.cells[k].textContent+(u&&tr.cells[k].classList.contains('n')?' '+u.textContent:'');
            div.appendChild(dt);div.appendChild(dd);dl.appendChild(div)}
          body.appendChild(dl);d.showModal()});
        })();
        """
}
