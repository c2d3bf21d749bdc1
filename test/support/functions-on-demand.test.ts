import { FUNCTIONS } from '@cloud/functions'
import { functionNamed, type FunctionTable } from './functions-on-demand'

describe('functionNamed', () => {
  it.each(Object.keys(FUNCTIONS) as (keyof FunctionTable)[])('answers the table’s own %s', (name) => {
    expect(functionNamed(name)).toBe(FUNCTIONS[name])
  })

  it('refuses a name that is no function', () => {
    expect(() => functionNamed('jobs' as keyof FunctionTable)).toThrow('cloud/functions/jobs exports no function named jobs')
  })
})
