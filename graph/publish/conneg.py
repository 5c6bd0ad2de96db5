"""Content negotiation for the static site: Apache (``.htaccess``) and nginx configurations that
serve ``.ttl``, ``.jsonld`` or ``.html`` for the same IRI path by the request's ``Accept``."""

HTACCESS = """\
# policykg linked-data site: content negotiation for Apache httpd (mod_rewrite, mod_mime).
# An IRI path without extension (/id/doc/2025/x, /ontology) is answered with x.ttl,
# x.jsonld or x.html depending on the Accept header. See docs/publishing.md.
Options -MultiViews -Indexes
DirectorySlash Off
AddType text/turtle .ttl
AddType application/ld+json .jsonld
AddType application/n-triples .nt
AddType application/n-quads .nq
AddType application/trig .trig
AddType application/rdf+xml .rdf
AddCharset utf-8 .html .ttl .jsonld .nt .nq .trig .rdf
Header append Vary Accept
RewriteEngine On
RewriteCond %{HTTP_ACCEPT} (text/turtle|application/x-turtle)
RewriteCond %{REQUEST_FILENAME}.ttl -f
RewriteRule ^(id/.+|ontology)$ $1.ttl [L]
RewriteCond %{HTTP_ACCEPT} (application/ld\\+json|application/json)
RewriteCond %{REQUEST_FILENAME}.jsonld -f
RewriteRule ^(id/.+|ontology)$ $1.jsonld [L]
RewriteCond %{REQUEST_FILENAME}.html -f
RewriteRule ^(id/.+|ontology)$ $1.html [L]
"""

NGINX = """\
# policykg linked-data site: content negotiation for nginx. Include inside the http block
# (the map) and the server block (the locations); root points at the exported site folder.
# See docs/publishing.md.
map $http_accept $policykg_ext {
    default                        ".html";
    "~*text/turtle"                ".ttl";
    "~*application/(ld\\+)?json"    ".jsonld";
}
# server { root /srv/policykg-site;
types {
    text/html                html;
    text/turtle              ttl;
    application/ld+json      jsonld;
    application/n-triples    nt;
    application/n-quads      nq;
    application/trig         trig;
    application/rdf+xml      rdf;
}
charset utf-8;
charset_types text/turtle application/ld+json application/n-triples application/n-quads application/trig;
location /id/ {
    add_header Vary Accept;
    try_files $uri$policykg_ext $uri.html $uri =404;
}
location = /ontology {
    add_header Vary Accept;
    try_files /ontology$policykg_ext /ontology.html =404;
}
# }
"""
