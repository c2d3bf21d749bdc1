import Taro from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { installH5ButtonAccess } from './platform/h5-keyboard'
import { installH5FieldLabels } from './platform/h5-labels'
import { installH5NavigationBar } from './platform/h5-navigation-bar'
import { installH5PickerKeyboard } from './platform/h5-picker-keyboard'
import './app.scss'

// The weapp calls cloud functions in the environment named at build time (CLOUD_ENV);
// the H5 build talks to the local server instead and has no Taro.cloud.
if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({ env: CLOUD_ENV || undefined, traceUser: true })
}
if (process.env.TARO_ENV === 'h5') {
  installH5ButtonAccess()
  installH5FieldLabels()
  installH5NavigationBar()
  installH5PickerKeyboard()
}

function App({ children }: PropsWithChildren) {
  return children
}

export default App
