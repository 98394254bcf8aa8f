import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContainerSummary } from '../../shared/snapshot.js';
import { type ContainerReads, type ContainerRefreshLimits, ContainerRefreshQueue, diedRereadDelaysMs } from './container-refresh-queue.js';

const limits: ContainerRefreshLimits = { windowMs: 5, chunkSize: 100, fullListThreshold: 200, maxInFlight: 2 };

function container(id: string, state: ContainerSummary['state'] = 'running', created = 1): ContainerSummary {
  return { id, names: [id], image: 'busybox', state, status: state, ports: [], created, labels: {} };
}

/**
 * A daemon whose reads answer with the state at the moment they were sent, either after
 * `answerAfterMs` or when the test releases them, in any order it likes.
 */
class FakeReads implements ContainerReads {
  readonly state = new Map<string, ContainerSummary>();
  readonly calls: Array<{ ids: readonly string[] | undefined; answer: () => void; fail: (error: Error) => void }> = [];
  answerAfterMs: number | undefined;

  byIds(ids: readonly string[]): Promise<ContainerSummary[]> {
    return this.reply(
      ids.map((id) => this.state.get(id)).filter((found) => found !== undefined),
      ids,
    );
  }

  all(): Promise<ContainerSummary[]> {
    return this.reply([...this.state.values()], undefined);
  }

  set(...containers: ContainerSummary[]): void {
    for (const found of containers) this.state.set(found.id, found);
  }

  private reply(answer: ContainerSummary[], ids: readonly string[] | undefined): Promise<ContainerSummary[]> {
    return new Promise((resolve, reject) => {
      const call = { ids, answer: () => resolve(answer), fail: reject };
      this.calls.push(call);
      if (this.answerAfterMs !== undefined) setTimeout(call.answer, this.answerAfterMs);
    });
  }
}

function setup(initial: ContainerSummary[] = []) {
  const reads = new FakeReads();
  reads.set(...initial);
  let published: ContainerSummary[] = [...initial];
  let publishes = 0;
  const failed = vi.fn();
  const queue = new ContainerRefreshQueue(
    reads,
    {
      current: () => published,
      publish: (containers) => {
        published = containers;
        publishes += 1;
      },
      failed,
    },
    limits,
  );
  return { reads, queue, failed, published: () => published, publishes: () => publishes };
}

const ids = (containers: readonly ContainerSummary[]) => containers.map((found) => found.id).sort();

describe('ContainerRefreshQueue', () => {
  it('turns a burst of 1,000 distinct container events into a few reads, two at most in flight', async () => {
    const { reads, queue, published } = setup();
    reads.answerAfterMs = 20;
    for (let i = 0; i < 1_000; i += 1) {
      const id = `c${i}`;
      reads.set(container(id, i % 3 === 0 ? 'exited' : 'running', i));
      queue.changed(id);
      if (i % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await vi.waitFor(() => expect(published()).toHaveLength(1_000));
    await vi.waitFor(() => expect(reads.calls.length).toBe(queue.counters.requests));
    expect(queue.counters.peakInFlight).toBeLessThanOrEqual(2);
    expect(queue.counters.requests).toBeLessThanOrEqual(8);
    expect(queue.counters.fullLists).toBeGreaterThanOrEqual(1);
    expect(published()).toEqual([...reads.state.values()].sort((a, b) => b.created - a.created));
  });

  it('sends the ids of one window in one filtered request, chunked', async () => {
    const { reads, queue } = setup();
    for (let i = 0; i < 150; i += 1) queue.changed(`c${i}`);
    await vi.waitFor(() => expect(reads.calls).toHaveLength(2));
    expect(reads.calls.map((call) => call.ids?.length)).toEqual([100, 50]);
  });

  it('lets further events wait for the next round while two reads are out', async () => {
    const { reads, queue } = setup();
    queue.changed('a');
    await vi.waitFor(() => expect(reads.calls).toHaveLength(1));
    queue.changed('b');
    await vi.waitFor(() => expect(reads.calls).toHaveLength(2));
    queue.changed('c');
    queue.changed('d');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(reads.calls).toHaveLength(2);
    reads.calls[0]!.answer();
    await vi.waitFor(() => expect(reads.calls).toHaveLength(3));
    expect(reads.calls[2]!.ids).toEqual(['c', 'd']);
  });

  it('never lets an older answer overwrite a newer one', async () => {
    const { reads, queue, published } = setup([container('a', 'running')]);
    queue.changed('a');
    await vi.waitFor(() => expect(reads.calls).toHaveLength(1));
    reads.set(container('a', 'exited'));
    queue.changed('a');
    await vi.waitFor(() => expect(reads.calls).toHaveLength(2));
    reads.calls[1]!.answer();
    await vi.waitFor(() => expect(published()[0]?.state).toBe('exited'));
    reads.calls[0]!.answer(); // sent first, says "running"
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(published()[0]?.state).toBe('exited');
  });

  it('never brings back a container destroyed while a read was out', async () => {
    const { reads, queue, published } = setup([container('a')]);
    reads.set(container('b'));
    queue.changed('a');
    queue.changed('b');
    await vi.waitFor(() => expect(reads.calls).toHaveLength(1));
    reads.state.delete('a');
    queue.destroyed('a');
    expect(ids(published())).toEqual([]);
    reads.calls[0]!.answer(); // sent before the destroy: still lists a
    await vi.waitFor(() => expect(ids(published())).toEqual(['b']));
  });

  it('keeps answers newer than a whole-list re-read', async () => {
    const { reads, queue, published } = setup();
    for (let i = 0; i < 201; i += 1) {
      reads.set(container(`c${i}`));
      queue.changed(`c${i}`);
    }
    await vi.waitFor(() => expect(reads.calls).toHaveLength(1));
    expect(reads.calls[0]!.ids).toBeUndefined();
    reads.set(container('late'));
    queue.changed('late');
    await vi.waitFor(() => expect(reads.calls).toHaveLength(2));
    reads.calls[1]!.answer();
    await vi.waitFor(() => expect(ids(published())).toEqual(['late']));
    reads.calls[0]!.answer(); // the list was taken before "late" existed
    await vi.waitFor(() => expect(published()).toHaveLength(202));
    expect(ids(published())).toContain('late');
  });

  it('reports a failed read and stops after dispose', async () => {
    const { reads, queue, failed } = setup();
    queue.changed('a');
    await vi.waitFor(() => expect(reads.calls).toHaveLength(1));
    reads.calls[0]!.fail(new Error('connection reset'));
    await vi.waitFor(() => expect(failed).toHaveBeenCalledOnce());
    queue.dispose();
    queue.changed('b');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reads.calls).toHaveLength(1);
  });

  it('publishes nothing when a read lists the containers as they were, the status anchor aside', async () => {
    const held = { ...container('a', 'running'), status: 'Up 3 hours', statusSince: 1_000 };
    const { reads, queue, published, publishes } = setup([held]);
    reads.answerAfterMs = 1;
    reads.set({ ...held, statusSince: 1_250 }); // the same listing, read a moment later
    queue.changed('a');
    await vi.waitFor(() => expect(reads.calls).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(publishes()).toBe(0);
    expect(published()[0]).toBe(held);
    reads.set({ ...held, state: 'exited', status: 'Exited (137) 1 second ago', statusSince: 1_300 });
    queue.changed('a');
    await vi.waitFor(() => expect(publishes()).toBe(1));
    expect(published()[0]?.state).toBe('exited');
  });

  describe('after a die event', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());
    // dockerd sends `die` before /containers/json lists the container as stopped.
    it('reads a died container again while the daemon still lists it running, until it is listed stopped', async () => {
      const { reads, queue, published } = setup([container('a', 'running')]);
      reads.answerAfterMs = 1;
      queue.stopped('a');
      await vi.advanceTimersByTimeAsync(20);
      expect(reads.calls).toHaveLength(1);
      expect(published()[0]?.state).toBe('running');
      reads.set(container('a', 'exited')); // the daemon has recorded the exit now
      await vi.advanceTimersByTimeAsync(diedRereadDelaysMs[0]! + 20);
      expect(reads.calls).toHaveLength(2);
      expect(published()[0]?.state).toBe('exited');
      await vi.advanceTimersByTimeAsync(10_000);
      expect(reads.calls).toHaveLength(2);
    });

    it('stops re-reading after its last delay (a container its restart policy started again)', async () => {
      const { reads, queue, published } = setup([container('a', 'running')]);
      reads.answerAfterMs = 1;
      queue.stopped('a');
      await vi.advanceTimersByTimeAsync(60_000);
      expect(reads.calls).toHaveLength(1 + diedRereadDelaysMs.length);
      expect(published()[0]?.state).toBe('running');
    });

    it('reads once when the daemon already lists it stopped, and forgets re-reads on destroy and dispose', async () => {
      const { reads, queue } = setup([container('a', 'running'), container('b', 'running')]);
      reads.answerAfterMs = 1;
      reads.set(container('a', 'exited'));
      queue.stopped('a');
      queue.stopped('b');
      await vi.advanceTimersByTimeAsync(20);
      expect(reads.calls).toHaveLength(1);
      queue.destroyed('b');
      await vi.advanceTimersByTimeAsync(10_000);
      expect(reads.calls).toHaveLength(1);
      queue.stopped('a');
      reads.set(container('a', 'running')); // started again by its policy
      await vi.advanceTimersByTimeAsync(20);
      expect(reads.calls).toHaveLength(2);
      queue.dispose();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(reads.calls).toHaveLength(2);
    });
  });
});
