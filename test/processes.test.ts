/** How many processes a Python service runs, read from the files that start it (never run). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { processCount } from '../src/project/processes';

function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-processes-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('processCount', () => {
  it("gunicorn's config file; a command line's --workers/-w; nothing stated", () => {
    expect(processCount([repo({ 'gunicorn.conf.py': 'bind = "0.0.0.0:8000"\nworkers = 5\n' })])).toEqual({
      count: 5,
      source: 'gunicorn.conf.py: workers = 5',
    });
    const docker = repo({ Dockerfile: 'FROM python:3.12\nCMD ["uvicorn", "app:app", "--workers", "3"]\n' });
    expect(processCount([docker])).toEqual({ count: 3, source: 'Dockerfile: uvicorn --workers 3' });
    const shell = repo({ Dockerfile: 'FROM python:3.12\nCMD uvicorn app:app --host 0.0.0.0 --workers 3\n' });
    expect(processCount([shell])).toEqual({ count: 3, source: 'Dockerfile: uvicorn --workers 3' });
    expect(processCount([repo({ 'app.py': 'print(1)\n' })])).toBeUndefined();
  });

  it('a web server and a Celery worker add up; the same server stated twice counts once; comments are not commands', () => {
    const dir = repo({
      'gunicorn.conf.py': 'workers = 4\n',
      Procfile:
        'web: gunicorn app:app -w 2\nworker: celery -A app.tasks worker --concurrency=8\n# old: gunicorn -w 64\n',
    });
    expect(processCount([dir])).toEqual({
      count: 12,
      source: 'gunicorn.conf.py: workers = 4 + Procfile: celery --concurrency 8',
    });
  });

  it('the nearest directory that states a count wins', () => {
    const root = repo({
      Procfile: 'web: gunicorn app:app -w 9\n',
      'svc/docker-compose.yml': 'services:\n  api:\n    command: gunicorn api:app --workers 2\n',
    });
    expect(processCount([path.join(root, 'svc'), root])?.count).toBe(2);
    expect(processCount([path.join(root, 'other'), root])?.count).toBe(9);
  });
});
