import { afterAll, describe, expect, it } from 'vitest'
import { closeDb } from '@db/client.server'
import { createBoss, JOBS, startWorker } from './queue.server'

afterAll(() => closeDb())

describe('job queue', () => {
  it('creates every queue, schedules the recurring jobs and works a job to completion', async () => {
    const { boss, stop } = await startWorker(createBoss())
    try {
      const schedules = await boss.getSchedules()
      expect(schedules.map((s) => s.name).sort()).toEqual(
        Object.entries(JOBS)
          .filter(([, j]) => j.cron)
          .map(([n]) => n)
          .sort(),
      )
      const id = await boss.send('storage.sweep-orphans', {})
      expect(id).toBeTruthy()
      let state: string | undefined
      for (let i = 0; i < 100 && state !== 'completed'; i++) {
        await new Promise((r) => setTimeout(r, 200))
        state = (await boss.getJobById('storage.sweep-orphans', id!))?.state
      }
      expect(state).toBe('completed')
    } finally {
      await stop()
    }
  })
})
