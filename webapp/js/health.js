// The server's /health, fetched relative to the page so any context path works.

function uptime(seconds) {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}

export async function checkHealth() {
  try {
    const response = await fetch('health', { cache: 'no-store' });
    const health = await response.json();
    const broker = health.broker ? ` · broker ${health.broker.kind} ${health.broker.status}` : '';
    return {
      state: health.status === 'UP' ? 'up' : 'down',
      text: [health.status, health.node, health.version && `version ${health.version}`,
        `up ${uptime(health.uptimeSeconds)}`].filter(Boolean).join(' · ') + broker,
    };
  } catch {
    return { state: 'down', text: 'Unreachable: the server did not answer.' };
  }
}

// Shows the health in `node` now and every `everyMs`.
export function watchHealth(node, everyMs = 10_000) {
  const refresh = async () => {
    const { state, text } = await checkHealth();
    node.dataset.state = state;
    node.textContent = text;
  };
  refresh();
  setInterval(refresh, everyMs);
}
